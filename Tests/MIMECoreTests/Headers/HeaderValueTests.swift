import MIMECore
import Testing

@Suite struct HeaderValueTests {
    @Test(arguments: [
        ("Subject", " =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n =?utf-8?q?_aus_Berlin?=\r\n", "Grüße aus Berlin"),
        ("SUBJECT", " Re: [list]\r\n\t=?iso-8859-1?q?caf=E9?= time", "Re: [list]\tcafé time"),
        ("From", " =?utf-8?q?J=C3=B6rg?= <j@x.de>", "Jörg <j@x.de>"),
        ("X-Custom", "   plain   ", "plain"),
        ("Message-ID", " <=?utf-8?q?not-decoded?=@x>", "<=?utf-8?q?not-decoded?=@x>"),
        ("Date", " Tue, 1 Jul 2003\r\n 10:52:37 +0200", "Tue, 1 Jul 2003 10:52:37 +0200"),
        ("Subject", " Grüße", "Grüße"),
    ])
    func decodesForDisplay(name: String, raw: String, expected: String) {
        let decoded = HeaderValue.decodedText(name: name, raw: bytes(raw))
        #expect(decoded.text == expected)
        #expect(decoded.defects.isEmpty)
    }

    @Test func latin1RawBytesInStructuredFields() {
        let decoded = HeaderValue.decodedText(name: "Received", raw: [0x20, 0x66, 0xE9], baseOffset: 40)
        #expect(decoded.text == "fé")
        #expect(decoded.defects == [Defect(.invalidHeaderUTF8, at: 41, severity: .notice)])
    }

    @Test func classifiesFields() {
        #expect(HeaderValue.kind(ofField: "content-TYPE") == .structured)
        #expect(HeaderValue.kind(ofField: "Subject") == .text)
        #expect(HeaderValue.kind(ofField: "X-Whatever") == .text)
        #expect(HeaderValue.isAddressField("RESENT-CC"))
        #expect(HeaderValue.isAddressField("Delivered-To"))
        #expect(!HeaderValue.isAddressField("Subject"))
    }
}

@Suite struct HeaderValueStructuredTests {
    @Test func unfoldsBeforeParsing() {
        var defects: [Defect] = []
        let to = HeaderValue.addresses(bytes(" \"Doe,\r\n John\" <j@x>,\r\n\tb@c\r\n"), defects: &defects)
        #expect(to == [
            .mailbox(Mailbox(displayName: "Doe, John", localPart: "j", domain: "x")),
            .mailbox(Mailbox(localPart: "b", domain: "c")),
        ])
        #expect(HeaderValue.date(bytes(" Tue, 1 Jul 2003\r\n 10:52:37 +0200\r\n"), defects: &defects)
            == DateTime(year: 2003, month: 7, day: 1, hour: 10, minute: 52, second: 37, offsetMinutes: 120))
        #expect(HeaderValue.messageIDs(bytes(" <a@b>\r\n <c@d>"), defects: &defects).map(\.value) == ["a@b", "c@d"])
        #expect(HeaderValue.received(bytes(" from a\r\n by b; 1 Jan 2020 00:00 +0000"), defects: &defects).by == "b")
        #expect(HeaderValue.authenticationResults(bytes(" mx;\r\n spf=pass"), defects: &defects).results.map(\.result) == ["pass"])
        #expect(defects.isEmpty)
    }
}
