import MIMECore
import Testing

private func parse(_ s: String) -> ([Address], [Defect]) {
    var defects: [Defect] = []
    let list = Address.parseList(bytes(s), defects: &defects)
    return (list, defects)
}

private func mb(_ name: String?, _ local: String, _ domain: String) -> Address {
    .mailbox(Mailbox(displayName: name, localPart: local, domain: domain))
}

@Suite struct AddressTests {
    @Test(arguments: [
        ("user@example.com", [mb(nil, "user", "example.com")], [String]()),
        ("John Doe <john@example.com>", [mb("John Doe", "john", "example.com")], []),
        ("\"Doe, John\" <john@example.com>", [mb("Doe, John", "john", "example.com")], []),
        ("a@b, c@d", [mb(nil, "a", "b"), mb(nil, "c", "d")], []),
        ("a@b, , c@d,", [mb(nil, "a", "b"), mb(nil, "c", "d")], []),
        ("John Q. Public <jqp@x.org>", [mb("John Q. Public", "jqp", "x.org")], []),
        ("Matt \"The Matt\" Mickiewicz <m@99designs.com>", [mb("Matt The Matt Mickiewicz", "m", "99designs.com")], []),
        ("user@host (Comment Name)", [mb("Comment Name", "user", "host")], []),
        ("(Comment (nested) Name) user@host", [mb("Comment (nested) Name", "user", "host")], []),
        ("Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", [mb("Pete", "pete", "silly.test")], []),
        ("=?utf-8?q?J=C3=B6rg?= <j@x.de>", [mb("Jörg", "j", "x.de")], []),
        ("=?utf-8?b?5pel5pys?= =?utf-8?b?6Kqe?= <j@x.jp>", [mb("日本語", "j", "x.jp")], []),
        ("\"=?utf-8?q?J=C3=B6rg?=\" <j@x.de>", [mb("Jörg", "j", "x.de")], ["encodedWordInQuotedString"]),
        ("<@a.com,@b.com:user@host>", [mb(nil, "user", "host")], ["obsoleteRoute"]),
        ("Joe <@a.com:joe@host>", [mb("Joe", "joe", "host")], ["obsoleteRoute"]),
        ("\"much.more unusual\"@example.com", [mb(nil, "much.more unusual", "example.com")], []),
        ("Dörte <dörte@sörensen.example>", [mb("Dörte", "dörte", "sörensen.example")], []),
        ("用户@例子.广告", [mb(nil, "用户", "例子.广告")], []),
        ("j@xn--bcher-kva.example", [mb(nil, "j", "xn--bcher-kva.example")], []),
        ("first.last@[12.34.56.78]", [mb(nil, "first.last", "[12.34.56.78]")], []),
        ("<>", [mb(nil, "", "")], []),
        ("undisclosed-recipients:;", [Address.group(Group(name: "undisclosed-recipients", members: []))], []),
        (
            "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;, x@y",
            [
                .group(Group(name: "A Group", members: [
                    Mailbox(displayName: "Ed Jones", localPart: "c", domain: "a.test"),
                    Mailbox(localPart: "joe", domain: "where.test"),
                    Mailbox(displayName: "John", localPart: "jdoe", domain: "one.test"),
                ])), mb(nil, "x", "y"),
            ], []
        ),
        ("G: a@b, H: c@d; e@f;", [.group(Group(name: "G", members: [
            Mailbox(localPart: "a", domain: "b"), Mailbox(localPart: "c", domain: "d"), Mailbox(localPart: "e", domain: "f"),
        ]))], ["groupNested"]),
        ("G: a@b", [.group(Group(name: "G", members: [Mailbox(localPart: "a", domain: "b")]))], ["groupUnterminated"]),
        ("a@b;", [mb(nil, "a", "b")], ["groupStrayTerminator"]),
        ("NotAnEmail", [mb(nil, "NotAnEmail", "")], ["addressMissingDomain"]),
        ("Deal Shopper", [mb(nil, "Deal Shopper", "")], ["addressMissingDomain", "addressInvalidLocalPart"]),
        ("Ima Fool@iana.org", [mb("Ima", "Fool", "iana.org")], ["addressMissingAngleBrackets"]),
        ("John <john@example.com", [mb("John", "john", "example.com")], ["addressUnterminatedAngle"]),
        ("John <john@example.com> junk, b@c", [mb("John", "john", "example.com"), mb(nil, "b", "c")], ["addressTrailingGarbage"]),
        ("<Undisclosed Recipients@example.com>", [mb(nil, "Undisclosed Recipients", "example.com")], ["addressInvalidLocalPart"]),
        ("<Undisclosed-Recipient:;@example.com>, a@b", [mb(nil, "Undisclosed-Recipient:;", "example.com"), mb(nil, "a", "b")], ["addressInvalidLocalPart"]),
        ("\"\" Angles \" Puglisi\" <a@b>", [mb(" Angles  Puglisi", "a", "b")], []),
        ("<<>>, a@b", [mb(nil, "a", "b")], ["addressTrailingGarbage", "addressInvalid"]),
        ("A@b@c", [mb(nil, "A@b", "c")], ["addressMultipleAtSigns", "addressInvalidLocalPart"]),
        ("a..b@c.", [mb(nil, "a..b", "c.")], ["addressInvalidLocalPart", "addressInvalidDomain"]),
        ("\"a\".b@c", [mb(nil, "a.b", "c")], ["obsoleteLocalPart"]),
        ("john@x.com <john@x.com>", [mb("john@x.com", "john", "x.com")], ["addressSpecialInPhrase"]),
        ("\"unterminated <a@b>", [mb(nil, "unterminated <a@b>", "")],
         ["unterminatedQuotedString", "addressMissingDomain", "addressInvalidLocalPart"]),
    ] as [(String, [Address], [String])])
    func parses(input: String, expected: [Address], expectedKinds: [String]) {
        let (list, defects) = parse(input)
        #expect(list == expected)
        #expect(kinds(defects) == expectedKinds)
    }

    @Test func addressQuotesLocalPartWhenNeeded() {
        #expect(Mailbox(localPart: "much.more unusual", domain: "example.com").address == "\"much.more unusual\"@example.com")
        #expect(Mailbox(localPart: "a\"b", domain: "c").address == "\"a\\\"b\"@c")
        #expect(Mailbox(localPart: "user", domain: "").address == "user")
        #expect(Mailbox(localPart: "first.last", domain: "x").address == "first.last@x")
    }

    @Test func defectOffsetsAreAbsolute() {
        var defects: [Defect] = []
        _ = Address.parseList(bytes("a@b, <c@d"), baseOffset: 500, defects: &defects)
        #expect(defects == [Defect(.addressUnterminatedAngle, at: 505)])
    }

    /// 80,000 addresses parse in linear time (8× the input takes well under the 64× a
    /// quadratic parser would); 99,999 colons and 50,000 nested comment openers neither recurse
    /// nor go quadratic.
    @Test func hostileInputsStayLinear() {
        func list(_ n: Int) -> [UInt8] {
            var to = ""
            for i in 0..<n { to += "User \(i) <user\(i)@example.com>, " }
            return bytes(to)
        }
        let small = list(10_000)
        let large = list(80_000)
        var defects: [Defect] = []
        let clock = ContinuousClock()
        var parsed: [Address] = []
        let smallTime = clock.measure { _ = Address.parseList(small, defects: &defects) }
        let largeTime = clock.measure { parsed = Address.parseList(large, defects: &defects) }
        #expect(parsed.count == 80_000)
        #expect(defects.isEmpty)
        #expect(parsed[79_999] == mb("User 79999", "user79999", "example.com"))
        #expect(largeTime < smallTime * 24, "10k: \(smallTime), 80k: \(largeTime)")
        print("addresses: 10,000 in \(smallTime), 80,000 (\(large.count) bytes) in \(largeTime)")

        defects = []
        let colons = Address.parseList(Array(repeating: UInt8(ascii: ":"), count: 99_999), defects: &defects)
        #expect(colons.count == 1)  // one group; the rest are nested-group defects
        #expect(defects.count == 99_999)

        defects = []
        let parens = Address.parseList(Array(repeating: UInt8(ascii: "("), count: 50_000) + bytes("a@b"), defects: &defects)
        #expect(parens.isEmpty)
        #expect(kinds(defects) == ["unterminatedComment"])
    }
}

/// flanker's address lists (../shared/corpus/flanker/addresses): "accepted" means exactly one
/// mailbox with a local part and a domain, and no defect of severity warning or worse.
@Suite struct FlankerAddressAgreementTests {
    static let directory = "/work/shared/corpus/flanker/addresses/"

    static func lines(_ name: String) -> [String]? {
        guard let data = readFile(directory + name) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
            .map { line -> String in
                // Trailing "# reason" annotations are flanker's comments, not part of the address.
                var s = Substring(line)
                if let r = s.firstRange(of: "   ") { s = s[..<r.lowerBound] }
                return s.trimmingCharacters()
            }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    static func accepted(_ line: String) -> Bool {
        var defects: [Defect] = []
        let list = Address.parseList(bytes(line), defects: &defects)
        guard list.count == 1, case .mailbox(let m) = list[0] else { return false }
        return !m.localPart.isEmpty && !m.domain.isEmpty && !defects.contains { $0.severity >= .warning }
    }

    @Test func agreement() throws {
        guard let valid = Self.lines("mailbox_valid.txt"), let invalid = Self.lines("mailbox_invalid.txt") else {
            print("skipped: flanker corpus not found at \(Self.directory)")
            return
        }
        let validRejected = valid.filter { !Self.accepted($0) }
        let invalidAccepted = invalid.filter { Self.accepted($0) }
        print("flanker valid: \(valid.count - validRejected.count)/\(valid.count) accepted; rejected: \(validRejected)")
        print("flanker invalid: \(invalid.count - invalidAccepted.count)/\(invalid.count) rejected; accepted: \(invalidAccepted)")
        #expect(validRejected == [])
        // Deviations, each allowed by RFC 5322's obsolete syntax (§4.4) or left to IDNA:
        // obs-local-part, quoted-pair in obs-dtext, CFWS around "@", an unchecked A-label.
        #expect(
            invalidAccepted == [
                "partially.\"quoted\"@sld.com", "foo@[\\1.2.3.4]", "first.\"\".last@iana.org",
                "\"foo\"(yay)@(hoopla)[1.2.3.4]", "test@xn--example.com",
            ])
    }
}
