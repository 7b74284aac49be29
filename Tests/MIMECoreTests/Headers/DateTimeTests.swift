import MIMECore
import Testing

private func dt(_ y: Int, _ mo: Int, _ d: Int, _ h: Int, _ mi: Int, _ s: Int, _ off: Int, known: Bool = true) -> DateTime {
    DateTime(year: y, month: mo, day: d, hour: h, minute: mi, second: s, offsetMinutes: off, isZoneKnown: known)
}

@Suite struct DateTimeTests {
    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), [String]()),
        ("Fri, 21 Nov 1997 09:55:06 -0600", dt(1997, 11, 21, 9, 55, 6, -360), []),
        ("1 Jul 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("Tue, 1 Jul 2003 10:52 +0200", dt(2003, 7, 1, 10, 52, 0, 120), []),
        ("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("  Tue,\t 1   Jul  2003  10:52:37   +0200  ", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("(comment) Tue, (x) 1 Jul (y) 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("tue, 1 JUL 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("Tuesday, 1 July 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), []),
        ("Thu, 13 Feb 1969 23:32:54 -0330", dt(1969, 2, 13, 23, 32, 54, -210), []),
        ("Fri, 21 Nov 97 09:55:06 GMT", dt(1997, 11, 21, 9, 55, 6, 0), ["dateObsoleteYear"]),
        ("Fri, 21 Nov 03 09:55:06 GMT", dt(2003, 11, 21, 9, 55, 6, 0), ["dateObsoleteYear"]),
        ("Fri, 21 Nov 103 09:55:06 UT", dt(2003, 11, 21, 9, 55, 6, 0), ["dateObsoleteYear"]),
        ("Fri, 21 Nov 1997 09:55:06 EST", dt(1997, 11, 21, 9, 55, 6, -300), ["dateObsoleteZone"]),
        ("Fri, 21 Nov 1997 09:55:06 PDT", dt(1997, 11, 21, 9, 55, 6, -420), ["dateObsoleteZone"]),
        ("Fri, 21 Nov 1997 09:55:06 CDT", dt(1997, 11, 21, 9, 55, 6, -300), ["dateObsoleteZone"]),
        ("Fri, 21 Nov 1997 09:55:06 -0000", dt(1997, 11, 21, 9, 55, 6, 0, known: false), []),
        ("Fri, 21 Nov 1997 09:55:06 Q", dt(1997, 11, 21, 9, 55, 6, 0, known: false), ["dateMilitaryZone"]),
        ("Fri, 21 Nov 1997 09:55:06 Z", dt(1997, 11, 21, 9, 55, 6, 0, known: false), ["dateMilitaryZone"]),
        ("Fri, 21 Nov 1997 09:55:06 CEST", dt(1997, 11, 21, 9, 55, 6, 0, known: false), ["dateUnknownZone"]),
        ("Fri, 21 Nov 1997 09:55:06", dt(1997, 11, 21, 9, 55, 6, 0, known: false), ["dateMissingZone"]),
        ("Fri, 21 Nov 1997 09:55:06 +0000 GMT", dt(1997, 11, 21, 9, 55, 6, 0), ["dateUnexpectedToken"]),
        ("Fri, 21 Nov 1997 09:55:06 GMT+0100", dt(1997, 11, 21, 9, 55, 6, 60), ["dateObsoleteZone"]),
        ("Mon, 1 Jul 2003 10:52:37 +0200", dt(2003, 7, 1, 10, 52, 37, 120), ["dateWrongDayOfWeek"]),
        ("Tue Jul  1 10:52:37 2003", dt(2003, 7, 1, 10, 52, 37, 0, known: false), ["dateNonStandardFormat", "dateMissingZone"]),
        ("2003-07-01 10:52:37", dt(2003, 7, 1, 10, 52, 37, 0, known: false), ["dateNonStandardFormat", "dateMissingZone"]),
        ("2003-07-01T10:52:37Z", dt(2003, 7, 1, 10, 52, 37, 0), ["dateNonStandardFormat"]),
        ("2003-07-01T10:52:37.123+02:00", dt(2003, 7, 1, 10, 52, 37, 120), ["dateNonStandardFormat"]),
        ("2002/09/14 Sat 02:29:32 CDT", dt(2002, 9, 14, 2, 29, 32, -300), ["dateNonStandardFormat", "dateObsoleteZone"]),
        ("Fri, 02 Aug 2002 23:37:59 0530", dt(2002, 8, 2, 23, 37, 59, 330), ["dateInvalidZone"]),
        ("Thu, 29 Aug 2002 15:36:58 +-0500", dt(2002, 8, 29, 15, 36, 58, -300), ["dateUnexpectedToken"]),
        ("Sun, 25 Aug 2002 19:21:44 01800", dt(2002, 8, 25, 19, 21, 44, 0, known: false), ["dateUnexpectedToken", "dateMissingZone"]),
        ("Thu, 22 Aug 0102 12:07:35 +0800", dt(2002, 8, 22, 12, 7, 35, 480), ["dateObsoleteYear"]),
        ("Tue, 06 Aug 2002 06:50:21 PM -0400", dt(2002, 8, 6, 18, 50, 21, -240), ["dateNonStandardFormat"]),
        ("Tue, 06 Aug 2002 12:50:21 am -0400", dt(2002, 8, 6, 0, 50, 21, -240), ["dateNonStandardFormat"]),
        ("31 Dec 2016 23:59:60 +0000", dt(2016, 12, 31, 23, 59, 60, 0), []),
        ("29 Feb 2000 00:00:00 +0000", dt(2000, 2, 29, 0, 0, 0, 0), []),
    ] as [(String, DateTime, [String])])
    func parses(input: String, expected: DateTime, expectedKinds: [String]) {
        var defects: [Defect] = []
        let parsed = DateTime.parse(bytes(input), defects: &defects)
        #expect(parsed == expected)
        #expect(kinds(defects) == expectedKinds)
    }

    @Test(arguments: [
        "", "garbage", "Tue, 1 Jul", "1 Jul 2003", "32 Jan 2003 10:00 +0000", "29 Feb 2001 10:00 +0000",
        "1 Foo 2003 10:00 +0000", "1 Jul 2003 25:00 +0000", "1 Jul 2003 10:61 +0000", "1 Jul 20031 10:00 +0000",
        "99999999999999999999 Jul 2003 10:00", "((((((((((", "1 Jul 2003 10:", ":::::",
    ])
    func rejects(input: String) {
        var defects: [Defect] = []
        #expect(DateTime.parse(bytes(input), baseOffset: 7, defects: &defects) == nil)
        #expect(defects.last == Defect(.dateUnparseable, at: 7, severity: .warning))
    }

    @Test func computedFields() {
        let d = dt(2003, 7, 1, 10, 52, 37, 120)
        #expect(d.dayOfWeek == 2)  // Tuesday
        #expect(d.secondsSinceEpoch == 1_057_049_557)
        #expect(dt(1970, 1, 1, 0, 0, 0, 0).secondsSinceEpoch == 0)
        #expect(dt(1969, 12, 31, 23, 59, 59, 0).dayOfWeek == 3)
    }

    @Test func longInputsStayLinear() {
        var defects: [Defect] = []
        let colons = Array(repeating: UInt8(ascii: ":"), count: 99_999)
        #expect(DateTime.parse(colons, defects: &defects) == nil)
        let parens = Array(repeating: UInt8(ascii: "("), count: 99_999)
        #expect(DateTime.parse(parens, defects: &defects) == nil)
    }
}
