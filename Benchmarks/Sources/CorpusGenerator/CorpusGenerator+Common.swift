/// A correspondent: the display name as it appears in the header (already an encoded word when it needs one)
/// and the address.
struct Person {
    var display: String?
    var address: String

    /// The mailbox as written in From/To/Cc.
    var mailbox: String {
        guard let display else { return address }
        return "\(display) <\(address)>"
    }
}

// Header pieces and text shared by both mixes.
extension CorpusGenerator {
    mutating func word() -> String { rng.pick(Vocabulary.words) }

    static let alphanumericDigits: [UInt8] = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func alphanumerics(_ count: Int) -> String {
        let alphabet = Self.alphanumericDigits
        return String(decoding: (0..<count).map { _ in alphabet[rng.below(alphabet.count)] }, as: UTF8.self)
    }

    mutating func hex(_ count: Int) -> String {
        let alphabet = Self.hexDigits
        return String(decoding: (0..<count).map { _ in alphabet[rng.below(16)] }, as: UTF8.self)
    }

    mutating func randomBytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            let value = rng.next()
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        out.removeLast(out.count - count)
        return out
    }

    /// A person: mostly ASCII display names, sometimes an RFC 2047 encoded word (UTF-8 B or Q, Latin-1 Q),
    /// a quoted "Last, First", or a bare address.
    mutating func person() -> Person {
        let first = rng.pick(Vocabulary.firstNames)
        let last = rng.pick(Vocabulary.lastNames)
        let local = rng.chance(0.5) ? "\(first.lowercased()).\(last.lowercased())" : "\(first.lowercased())\(rng.below(100))"
        let address = "\(local)@\(rng.pick(Vocabulary.domains))"
        let roll = rng.unit()
        if roll < 0.68 { return Person(display: "\(first) \(last)", address: address) }
        if roll < 0.76 { return Person(display: "\"\(last), \(first)\"", address: address) }
        if roll < 0.90 {
            let name = rng.pick(Vocabulary.internationalNames)
            let latin = name.unicodeScalars.allSatisfy { $0.value < 0x100 }
            let display: String
            if latin && rng.chance(0.4) {
                display = EncodedWord.q(Charset.iso88591.encode(name), charset: "iso-8859-1")
            } else if rng.chance(0.5) {
                display = EncodedWord.b(Array(name.utf8), charset: "UTF-8")
            } else {
                display = EncodedWord.q(Array(name.utf8), charset: "utf-8")
            }
            return Person(display: display, address: address)
        }
        return Person(display: nil, address: address)
    }

    /// A fresh Message-ID, remembered so later replies can reference it.
    mutating func newMessageID() -> String {
        let id = "<\(clock).\(hex(8)).\(messageCount)@\(rng.pick(Vocabulary.domains))>"
        recentIDs.append(id)
        if recentIDs.count > 400 { recentIDs.removeFirst(100) }
        return id
    }

    /// Up to `count` earlier Message-IDs, oldest first (a thread's References).
    mutating func earlierIDs(_ count: Int) -> [String] {
        guard !recentIDs.isEmpty else { return ["<\(hex(16))@\(rng.pick(Vocabulary.domains))>"] }
        let start = rng.below(recentIDs.count)
        return Array(recentIDs[start..<min(recentIDs.count, start + count)])
    }

    /// `count` Received fields, newest (top) first, each folded over three or four lines as Postfix writes them.
    mutating func receivedChain(_ count: Int, to recipient: String, into m: inout MailBuffer) {
        var time = clock + count * 2
        for hop in 0..<count {
            let from = rng.pick(Vocabulary.relays)
            let ip = "\(rng.int(in: 1...223)).\(rng.below(256)).\(rng.below(256)).\(rng.int(in: 1...254))"
            m.line("Received: from \(from) (\(from) [\(ip)])")
            m.line("\tby \(rng.pick(Vocabulary.relays)) (Postfix) with ESMTPS id \(hex(10).uppercased())")
            if hop == 0 || rng.chance(0.3) {
                m.line("\t(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256)")
                m.line("\tfor <\(recipient)>; \(MailDate.rfc5322(time, offsetMinutes: 0))")
            } else {
                m.line("\t; \(MailDate.rfc5322(time, offsetMinutes: 0))")
            }
            time -= rng.int(in: 0...3)
        }
    }

    /// A DKIM-Signature (RFC 6376) with its signed-header list and base64 `bh=`/`b=` folded over several lines.
    mutating func dkimSignature(domain: String, into m: inout MailBuffer) {
        m.line("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=\(domain);")
        m.line("\ts=\(rng.pick(["20230601", "google", "selector1", "k1", "fm2"])); t=\(clock);")
        m.line("\th=from:to:cc:subject:date:message-id:in-reply-to:references:mime-version:")
        m.line("\t content-type:content-transfer-encoding;")
        m.line("\tbh=\(Base64.string(randomBytes(32)));")
        let signature = Array(Base64.string(randomBytes(rng.chance(0.7) ? 256 : 128)).utf8)
        var start = 0
        var first = true
        while start < signature.count {
            let end = min(start + 70, signature.count)
            m.line((first ? "\tb=" : "\t ") + String(decoding: signature[start..<end], as: UTF8.self))
            first = false
            start = end
        }
    }

    /// A sentence of 4–16 words; in `flavor` text some words carry non-ASCII letters or typographic punctuation.
    mutating func sentence(_ flavor: TextFlavor = .ascii) -> String {
        var words: [String] = []
        for index in 0..<rng.int(in: 4...16) {
            var word: String
            switch flavor {
            case .latin where rng.chance(0.08): word = rng.pick(Vocabulary.latinWords)
            case .smart where rng.chance(0.08): word = rng.pick(Vocabulary.latinWords + Vocabulary.smartPunctuation)
            case .russian where rng.chance(0.85): word = rng.pick(Vocabulary.russianWords)
            default: word = self.word()
            }
            if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            words.append(word)
        }
        return words.joined(separator: " ") + rng.pick([".", ".", ".", "?", ",", ":"])
    }

    /// A paragraph wrapped at `width` columns.
    mutating func paragraph(_ flavor: TextFlavor = .ascii, sentences: ClosedRange<Int> = 1...5, width: Int = 72) -> [String] {
        var lines: [String] = []
        var current = ""
        var currentWidth = 0  // in Unicode scalars, the width a reader sees for these texts
        for _ in 0..<rng.int(in: sentences) {
            for word in sentence(flavor).split(separator: " ") {
                let wordWidth = word.unicodeScalars.count
                if !current.isEmpty && currentWidth + wordWidth + 1 > width {
                    lines.append(current)
                    current = ""
                    currentWidth = 0
                }
                if current.isEmpty {
                    current = String(word)
                    currentWidth = wordWidth
                } else {
                    current += " "
                    current += word
                    currentWidth += wordWidth + 1
                }
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// A MIME boundary in one of the styles real mailers use; random enough never to occur in content.
    mutating func boundary() -> String {
        switch rng.below(4) {
        case 0: return "------------\(alphanumerics(24))"
        case 1: return "----=_Part_\(rng.below(100_000))_\(rng.below(1_000_000_000)).\(clock)"
        case 2: return "_000_\(alphanumerics(20).uppercased())_"
        default: return "Apple-Mail=_\(hex(8))-\(hex(4))-\(hex(4))-\(hex(12))".uppercased()
        }
    }

    /// A timezone offset in minutes for the Date field.
    mutating func zone() -> Int {
        rng.pick([0, 60, 120, -300, -240, -420, 330, 540, 600, -180, 180])
    }
}

/// Which non-ASCII text a paragraph may contain.
enum TextFlavor {
    case ascii, latin, smart, russian
}
