import MIMECore
import Testing

@Suite struct MessageIDTests {
    @Test(arguments: [
        ("<abc@example.com>", ["abc@example.com"], [String]()),
        ("  <a@b> <c@d>\r\n\t<e@f>", ["a@b", "c@d", "e@f"], []),
        ("<a@b><c@d>", ["a@b", "c@d"], []),
        ("<a@b> (comment <x@y>) <c@d>", ["a@b", "c@d"], []),
        ("abc@example.com", ["abc@example.com"], ["messageIDMissingAngleBrackets"]),
        ("part1.abc@x part2@y", ["part1.abc@x", "part2@y"], ["messageIDMissingAngleBrackets", "messageIDMissingAngleBrackets"]),
        ("Your message of \"Mon, 1 Jul\" <a@b>", ["a@b"], ["messageIDJunk"]),
        ("John's message of Mon, 1 Jul 2003 <a@b> and more junk", ["a@b"], ["messageIDJunk"]),
        ("<a@b", ["a@b"], ["messageIDUnterminated"]),
        ("<a@b <c@d>", ["a@b", "c@d"], ["messageIDUnterminated"]),
        ("<a@b c@d>", ["a@bc@d"], ["messageIDContainsWhitespace"]),
        ("<> <a@b>", ["a@b"], ["messageIDEmpty"]),
        ("", [], []),
        ("<12345>", ["12345"], []),
    ] as [(String, [String], [String])])
    func parses(input: String, expected: [String], expectedKinds: [String]) {
        var defects: [Defect] = []
        let ids = MessageID.parseList(bytes(input), defects: &defects)
        #expect(ids.map(\.value) == expected)
        #expect(kinds(defects) == expectedKinds)
    }

    @Test func descriptionAddsBrackets() {
        #expect(MessageID("a@b").description == "<a@b>")
    }

    @Test func hostileInputsStayLinear() {
        var defects: [Defect] = []
        let openers = MessageID.parseList(Array(repeating: UInt8(ascii: "<"), count: 99_999), defects: &defects)
        #expect(openers.isEmpty)
        defects = []
        let refs = MessageID.parseList(Array(String(repeating: "<a@b> ", count: 50_000).utf8), defects: &defects)
        #expect(refs.count == 50_000 && defects.isEmpty)
    }
}

@Suite struct ReceivedTests {
    @Test func splitsClausesAndDate() {
        let raw = "from mail.example.com (mail.example.com [192.0.2.1])\r\n\tby mx.example.net (Postfix) with ESMTPS id 4A1B2C3D\r\n\tfor <user@example.net>; Tue, 1 Jul 2003 10:52:37 +0200 (CEST)"
        var defects: [Defect] = []
        let r = Received.parse(HeaderValue.unfold(bytes(raw)), defects: &defects)
        #expect(r.from == "mail.example.com (mail.example.com [192.0.2.1])")
        #expect(r.by == "mx.example.net (Postfix)")
        #expect(r.with == "ESMTPS")
        #expect(r.id == "4A1B2C3D")
        #expect(r.for == "<user@example.net>")
        #expect(r.via == nil)
        #expect(r.date == DateTime(year: 2003, month: 7, day: 1, hour: 10, minute: 52, second: 37, offsetMinutes: 120))
        #expect(defects.isEmpty)
    }

    @Test(arguments: [
        ("by localhost with LMTP; 1 Jan 2020 00:00 +0000", Received(by: "localhost", with: "LMTP", date: DateTime(year: 2020, month: 1, day: 1, hour: 0, minute: 0)), [String]()),
        ("FROM a BY b", Received(from: "a", by: "b"), ["receivedMissingDate"]),
        ("from a (comment; with by) by b; 1 Jan 2020 00:00 +0000", Received(from: "a (comment; with by)", by: "b", date: DateTime(year: 2020, month: 1, day: 1, hour: 0, minute: 0)), []),
        ("junk from a from b; garbage", Received(from: "a"), ["dateUnexpectedToken", "dateUnparseable", "receivedUnexpectedText", "receivedUnexpectedText"]),
        ("(qmail 1234 invoked by uid 0); 1 Jan 2020 00:00 +0000", Received(date: DateTime(year: 2020, month: 1, day: 1, hour: 0, minute: 0)), []),
    ] as [(String, Received, [String])])
    func parses(input: String, expected: Received, expectedKinds: [String]) {
        var defects: [Defect] = []
        #expect(Received.parse(bytes(input), defects: &defects) == expected)
        #expect(kinds(defects) == expectedKinds)
    }
}

@Suite struct AuthenticationResultsTests {
    @Test func parsesRFC8601Example() {
        let raw = "example.com; spf=pass smtp.mailfrom=example.net (sender ok);\r\n dkim=pass (good sig) header.d=example.net header.i=@example.net; dmarc=fail reason=\"policy says so\" header.from=example.net"
        var defects: [Defect] = []
        let ar = AuthenticationResults.parse(HeaderValue.unfold(bytes(raw)), defects: &defects)
        #expect(ar.authservID == "example.com")
        #expect(ar.version == nil)
        #expect(ar.results == [
            .init(method: "spf", result: "pass", properties: [.init(type: "smtp", name: "mailfrom", value: "example.net")]),
            .init(method: "dkim", result: "pass", properties: [
                .init(type: "header", name: "d", value: "example.net"), .init(type: "header", name: "i", value: "@example.net"),
            ]),
            .init(method: "dmarc", result: "fail", reason: "policy says so", properties: [.init(type: "header", name: "from", value: "example.net")]),
        ])
        #expect(defects.isEmpty)
    }

    @Test func parsesNoneVersionAndDamage() {
        var defects: [Defect] = []
        let none = AuthenticationResults.parse(bytes("mx.example.org 1; none"), defects: &defects)
        #expect(none == AuthenticationResults(authservID: "mx.example.org", version: 1, results: []))
        #expect(defects.isEmpty)
        let damaged = AuthenticationResults.parse(bytes("a.org; DKIM/1 = PASS junk header.d=x; =; spf"), defects: &defects)
        #expect(damaged.results == [.init(method: "dkim", result: "pass", properties: [.init(type: "header", name: "d", value: "x")])])
        #expect(kinds(defects) == ["authenticationResultsMalformed", "authenticationResultsMalformed", "authenticationResultsMalformed"])
    }
}
