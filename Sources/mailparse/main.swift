print("mailparse")
