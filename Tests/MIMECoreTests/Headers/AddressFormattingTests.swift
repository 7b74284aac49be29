import MIMECore
import Testing

@Suite struct AddressFormattingTests {
    @Test(arguments: [
        (Mailbox(localPart: "a", domain: "b"), "a@b"),
        (Mailbox(displayName: "John Doe", localPart: "j", domain: "x"), "John Doe <j@x>"),
        (Mailbox(displayName: "Doe, John", localPart: "j", domain: "x"), "\"Doe, John\" <j@x>"),
        (Mailbox(displayName: "John Q. Public", localPart: "j", domain: "x"), "\"John Q. Public\" <j@x>"),
        (Mailbox(displayName: "Say \"hi\"", localPart: "j", domain: "x"), "\"Say \\\"hi\\\"\" <j@x>"),
        (Mailbox(displayName: "Jörg", localPart: "j", domain: "x"), "=?utf-8?b?SsO2cmc=?= <j@x>"),
        (Mailbox(displayName: "", localPart: "j", domain: "x"), "\"\" <j@x>"),
        (Mailbox(localPart: "john doe", domain: "x"), "\"john doe\"@x"),
        (Mailbox(localPart: "", domain: ""), "<>"),
    ])
    func formats(mailbox: Mailbox, expected: String) {
        #expect(mailbox.headerText == expected)
        var defects: [Defect] = []
        #expect(Address.parseList(bytes(expected), defects: &defects) == [.mailbox(mailbox)])
        #expect(defects.isEmpty)
    }

    @Test func formatsGroups() {
        let group = Address.group(Group(name: "Friends", members: [
            Mailbox(displayName: "A", localPart: "a", domain: "x"), Mailbox(localPart: "b", domain: "y"),
        ]))
        #expect(group.headerText == "Friends: A <a@x>, b@y;")
        var defects: [Defect] = []
        #expect(Address.parseList(bytes(group.headerText), defects: &defects) == [group])
    }

    /// Seeded random display names and local parts: format, parse, get the same mailbox back.
    @Test func seededRoundTrip() {
        var rng = SplitMix64(seed: 5322)
        let namePool = Array("abcXYZ  ,.;:<>@()[]\"\\'=?_-\té日本😀\u{0301}\r\n".unicodeScalars)
        let localPool = Array("abc.+-_ \"\\()<>@,;:éü".unicodeScalars)
        var failures: [String] = []
        for _ in 0..<5_000 {
            var name = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 30) { name.append(namePool[Int(rng.next() % UInt64(namePool.count))]) }
            var local = String.UnicodeScalarView()
            for _ in 0..<(1 + Int(rng.next() % 12)) { local.append(localPool[Int(rng.next() % UInt64(localPool.count))]) }
            let m = Mailbox(displayName: rng.next() % 4 == 0 ? nil : String(name), localPart: String(local), domain: "example.com")
            var defects: [Defect] = []
            let parsed = Address.parseList(bytes(m.headerText), defects: &defects)
            if parsed != [.mailbox(m)] || !defects.isEmpty { failures.append(m.headerText) }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, e.g. \(failures.prefix(5))")
    }
}
