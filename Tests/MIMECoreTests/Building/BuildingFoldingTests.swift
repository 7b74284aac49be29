import MIMECore
import Testing

@Suite("Building: header folding and encoding")
struct BuildingFoldingTests {
    func field(_ name: String, _ value: FieldValue) -> [UInt8] {
        var writer = testWriter()
        let draft = MessageDraft(fields: [NewField(name, value)], content: .text("x"))
        let message = Message(parsing: writer.bytes(draft))
        return message.field(name)!.raw.bytes
    }

    func parsed(_ raw: [UInt8]) -> [Address] {
        let colon = raw.firstIndex(of: UInt8(ascii: ":"))!
        var defects: [Defect] = []
        return HeaderValue.addresses(Array(raw[(colon + 1)...]), defects: &defects)
    }

    /// The encoded words in `raw`.
    func encodedWords(_ raw: [UInt8]) -> [String] {
        let text = String(decoding: raw, as: UTF8.self)
        var out: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "=?") {
            guard let end = rest[start.upperBound...].range(of: "?=") else { break }
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test("quoted display names with , ; < \" read back as one mailbox each")
    func quotedSpecials() {
        let names = ["Doe, John", "a;b", "x <y@z>", "say \"hi\"", "back\\slash", "(not a comment)", "  two  spaces "]
        let list = names.enumerated().map { k, n in Address.mailbox(Mailbox(displayName: n, localPart: "u\(k)", domain: "example.com")) }
        let raw = field("To", .addresses(list))
        #expect(parsed(raw) == list)
        #expect(lineLengths(raw).allSatisfy { $0 <= 78 })
        #expect(encodedWords(raw).isEmpty)
    }

    @Test("an encoded display name can never produce an address special")
    func noSpoofing() {
        // Non-ASCII names that contain what an attacker would want decoded: a second address,
        // an angle bracket, a comma, a quote.
        let names = ["Zoë <admin@bank.example>", "Ünïcode, Evil <evil@x>", "\"Ö\" @ , ; : < >", "=?utf-8?q?=3C?= ä"]
        let list = names.enumerated().map { k, n in Address.mailbox(Mailbox(displayName: n, localPart: "v\(k)", domain: "example.com")) }
        let raw = field("From", .addresses(list))
        #expect(parsed(raw) == list)
        for word in encodedWords(raw) {
            // Q text uses only letters, digits, ! * + - / _ and =XX: no special is ever literal.
            let payload = word.dropFirst("=?utf-8?q?".count).dropLast(2)
            #expect(payload.allSatisfy { $0.isLetter || $0.isNumber || "!*+-/_=".contains($0) } || word.lowercased().hasPrefix("=?utf-8?b?"), "\(word)")
            #expect(word.utf8.count <= 75)
        }
        // The addr-specs appear literally, whole, on one line each.
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        for k in 0..<names.count { #expect(lines.contains { $0.contains("<v\(k)@example.com>") }) }
    }

    @Test("folds at 78 between addresses and phrase words, never inside <…> or quotes")
    func longLists() {
        let list = (0..<30).map { k in
            Address.mailbox(Mailbox(displayName: k % 3 == 0 ? "Person, Number \(k)" : "Person \(k)", localPart: "p\(k)", domain: "example.com"))
        }
        let raw = field("Cc", .addresses(list))
        #expect(parsed(raw) == list)
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n").dropLast()
        #expect(lines.count > 5)
        for line in lines {
            #expect(line.utf8.count <= 78)
            #expect(line.filter { $0 == "<" }.count == line.filter { $0 == ">" }.count, "\(line)")
            #expect(line.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
    }

    @Test("long unbreakable tokens are left whole; words over the line limit are encoded")
    func longTokens() {
        let token = String(repeating: "x", count: 120)
        let raw = field("Subject", .text("short " + token + " end"))
        #expect(String(decoding: raw, as: UTF8.self).contains(token))
        let id = MessageID(String(repeating: "a", count: 150) + "@example.com")
        let refs = field("References", .messageIDs([MessageID("one@x"), id, MessageID("two@x")]))
        #expect(String(decoding: refs, as: UTF8.self).contains(id.description))
        #expect(lineLengths(refs).allSatisfy { $0 <= 998 })

        let huge = String(repeating: "y", count: 2000)
        var writer = testWriter()
        let bytes = writer.bytes(MessageDraft(fields: [NewField("Subject", .text(huge))], content: .text("x")))
        #expect(lineLengths(bytes).allSatisfy { $0 <= 998 })
        #expect(decodedField(Message(parsing: bytes), "Subject") == huge)
    }

    @Test("a display name longer than a line is encoded so it can fold")
    func longDisplayName() {
        let name = String(repeating: "Very, \"Long\" Name ", count: 80)
        let list = [Address.mailbox(Mailbox(displayName: name, localPart: "l", domain: "example.com"))]
        let raw = field("From", .addresses(list))
        #expect(lineLengths(raw).allSatisfy { $0 <= 78 }, "\(lineLengths(raw)) \(String(decoding: raw.prefix(300), as: UTF8.self))")
        #expect(parsed(raw) == list)
    }

    @Test("a long non-ASCII filename uses RFC 2231 continuations within the line limit")
    func longFilename() {
        let name = String(repeating: "Résumé très long ", count: 30) + ".pdf"
        var writer = testWriter()
        let bytes = writer.bytes(MessageDraft(content: .mixed([.attachment([1], filename: name)])))
        let message = Message(parsing: bytes)
        #expect(message.parts[1].filename == name)
        #expect(lineLengths(bytes).allSatisfy { $0 <= 78 })
        #expect(String(decoding: bytes, as: UTF8.self).contains("filename*0*=utf-8''"))
    }

    @Test("dates and reply subjects")
    func smallFormats() {
        #expect(DateTime(year: 2024, month: 2, day: 29, hour: 9, minute: 5, second: 7, offsetMinutes: -330).headerText
            == "Thu, 29 Feb 2024 09:05:07 -0530")
        #expect(Message.replySubject("Re: RE: re[3]: Lunch") == "Re: Lunch")
        #expect(Message.replySubject("Lunch") == "Re: Lunch")
        #expect(Message.replySubject("Reunion") == "Re: Reunion")
        #expect(Message.forwardSubject("Fw: Fwd: Lunch") == "Fwd: Lunch")
    }
}
