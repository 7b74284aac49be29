import MIMECore

/// Random drafts for differential and property tests: Unicode subjects and display names with
/// address specials, attachments with non-ASCII names, random nesting.
struct RandomDrafts {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    mutating func below(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Character pools: ASCII words, address specials, Latin accents, Greek, Cyrillic, CJK,
    /// emoji (4-byte UTF-8), combining marks, things that look like encoded words.
    static let pools: [[String]] = [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".map(String.init),
        [",", ";", "<", ">", "\"", "@", ":", "(", ")", "\\", ".", "[", "]", "'", "=?", "?=", "_", "%", "*"],
        "éèàçñüöÅØßÆœ".map(String.init),
        "αβγδλΩЖЩЯжщя".map(String.init),
        "日本語中文한국어漢字".map(String.init),
        ["😀", "🎉", "👩‍💻", "🇫🇷"],
        ["e\u{301}", "a\u{308}"],
        ["=?utf-8?q?x?=", "=?iso-8859-1?b?YQ==?="],
    ]

    /// Words of random characters separated by single spaces.
    mutating func text(maxWords: Int = 8) -> String {
        var words: [String] = []
        for _ in 0..<(1 + below(maxWords)) {
            var word = ""
            for _ in 0..<(1 + below(12)) {
                let pool = chance(60) ? Self.pools[0] : pick(Self.pools)
                word += pick(pool)
            }
            words.append(word)
        }
        return words.joined(separator: " ")
    }

    mutating func mailbox() -> Mailbox {
        let local = chance(90) ? pick(["john", "a.b", "x+tag", "o'neil", "j_doe"]) : "john doe"
        let domain = pick(["example.com", "mail.example.org", "xn--bcher-kva.example"])
        return Mailbox(displayName: chance(80) ? text(maxWords: 4) : nil, localPart: local, domain: domain)
    }

    mutating func bytes(max: Int) -> [UInt8] {
        let count = below(max)
        let kind = below(3)
        return (0..<count).map { _ in
            switch kind {
            case 0: return UInt8(truncatingIfNeeded: random.next())
            case 1: return pick(Array("abc \r\n=.-".utf8))
            default: return chance(90) ? UInt8(0x61 + below(26)) : UInt8(truncatingIfNeeded: random.next())
            }
        }
    }

    mutating func leaf() -> Entity {
        switch below(5) {
        case 0: return .text(text(maxWords: 40))
        case 1: return .html("<p>" + text(maxWords: 20) + "</p>")
        case 2: return .text(String(repeating: text(maxWords: 3), count: 1 + below(300)))
        default:
            let type = pick([MediaType.applicationOctetStream, MediaType(type: "image", subtype: "png"),
                             MediaType(type: "text", subtype: "csv")])
            return .attachment(bytes(max: 600), type: type, filename: chance(85) ? text(maxWords: 3) + ".bin" : nil)
        }
    }

    mutating func entity(depth: Int) -> Entity {
        guard depth < 4, chance(depth == 0 ? 70 : 35) else { return leaf() }
        switch below(5) {
        case 0: return .alternative([.text(text()), .html(text())])
        case 1: return .related(.html(text()), [entity(depth: depth + 1)])
        case 2: return .message(draft(depth: depth + 1))
        default: return .mixed((0..<(1 + below(4))).map { _ in entity(depth: depth + 1) })
        }
    }

    mutating func draft(depth: Int = 0) -> MessageDraft {
        let to = (0..<(1 + below(3))).map { _ in mailbox() }
        return MessageDraft(from: mailbox(), to: to, subject: text(), body: entity(depth: depth))
    }
}
