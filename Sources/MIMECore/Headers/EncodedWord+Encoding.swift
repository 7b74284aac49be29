extension EncodedWord {
    /// The longest encoded word RFC 2047 §2 allows.
    public static let maximumLength = 75

    /// Encodes text for an unstructured field or a phrase, producing RFC 2047 encoded words
    /// only where needed: for runs of words that contain non-ASCII or control characters, or
    /// that look like encoded words (contain `=?`). Other words stay as they are.
    ///
    /// - Consecutive words that need encoding become one run (with the spaces between them
    ///   inside), because a decoder drops whitespace between adjacent encoded words (§6.2).
    /// - Each run is UTF-8, in Q or B, whichever is shorter for the run (ties: Q, readable).
    /// - Each word is at most 75 characters (§2) and never splits a UTF-8 character, so each
    ///   decodes on its own. Words are separated by a single space, where a writer may fold.
    /// - Q uses only the characters §5(3) allows in phrases, so the result is safe in both.
    public static func encodeText(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        // Split on WSP, keeping it: words are maximal runs of other scalars. A run of words to
        // encode takes in the WSP between them, since a decoder drops WSP between encoded words.
        var words: [Range<Int>] = []
        var i = 0
        while i < scalars.count {
            if scalars[i] == " " || scalars[i] == "\t" { i += 1; continue }
            var j = i
            while j < scalars.count, scalars[j] != " ", scalars[j] != "\t" { j += 1 }
            words.append(i..<j)
            i = j
        }
        let needs = words.map { needsEncoding(scalars[$0]) }
        if !needs.contains(true) { return text }

        var out = ""
        var cursor = 0
        var w = 0
        while w < words.count {
            guard needs[w] else { w += 1; continue }
            var last = w
            while last + 1 < words.count, needs[last + 1] { last += 1 }
            let run = words[w].lowerBound..<words[last].upperBound
            out.unicodeScalars.append(contentsOf: scalars[cursor..<run.lowerBound])
            out += encodeRun(scalars[run])
            cursor = run.upperBound
            w = last + 1
        }
        out.unicodeScalars.append(contentsOf: scalars[cursor...])
        return out
    }

    private static func needsEncoding(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        var previous: Unicode.Scalar = " "
        for s in word {
            if s.value >= 0x7F || s.value < 0x20 { return true }
            if previous == "=" && s == "?" { return true }
            previous = s
        }
        return false
    }

    /// Characters Q may leave as they are in a phrase (RFC 2047 §5(3)); space becomes `_`.
    private static func isQLiteral(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), 0x20:
            return true
        default:
            return false
        }
    }

    /// Encodes all of `run` as encoded words (no literal words), for phrases.
    static func encodeWords(_ run: ArraySlice<Unicode.Scalar>) -> String { encodeRun(run) }

    private static func encodeRun(_ run: ArraySlice<Unicode.Scalar>) -> String {
        let prefix = "=?utf-8?"
        let room = maximumLength - prefix.utf8.count - 2 - 2  // "q?" and "?="
        var qLength = 0
        var byteCount = 0
        for s in run {
            for b in UTF8.encode(s)! { qLength += isQLiteral(b) ? 1 : 3; byteCount += 1 }
        }
        let useQ = qLength <= (byteCount + 2) / 3 * 4
        // B: at most room/4 groups of 4 characters, i.e. 3 bytes each.
        let maxBBytes = room / 4 * 3

        var words: [String] = []
        var chunk: [UInt8] = []
        var chunkCost = 0
        for s in run {
            let encoded = Array(UTF8.encode(s)!)
            let cost = useQ ? encoded.reduce(0) { $0 + (isQLiteral($1) ? 1 : 3) } : encoded.count
            let limit = useQ ? room : maxBBytes
            if chunkCost + cost > limit, !chunk.isEmpty {
                words.append(word(chunk, q: useQ))
                chunk.removeAll(keepingCapacity: true)
                chunkCost = 0
            }
            chunk += encoded
            chunkCost += cost
        }
        if !chunk.isEmpty { words.append(word(chunk, q: useQ)) }
        var result = ""
        for (k, w) in words.enumerated() {
            if k > 0 { result += " " }
            result += w
        }
        return result
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func word(_ bytes: [UInt8], q: Bool) -> String {
        var out = Array("=?utf-8?".utf8)
        if q {
            out += Array("q?".utf8)
            for b in bytes {
                if b == 0x20 {
                    out.append(UInt8(ascii: "_"))
                } else if isQLiteral(b) {
                    out.append(b)
                } else {
                    out += [UInt8(ascii: "="), hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]]
                }
            }
        } else {
            out += Array("b?".utf8)
            var i = 0
            while i < bytes.count {
                let rest = bytes.count - i
                let b0 = UInt32(bytes[i])
                let b1 = rest > 1 ? UInt32(bytes[i + 1]) : 0
                let b2 = rest > 2 ? UInt32(bytes[i + 2]) : 0
                let v = b0 << 16 | b1 << 8 | b2
                out.append(base64Alphabet[Int(v >> 18 & 63)])
                out.append(base64Alphabet[Int(v >> 12 & 63)])
                out.append(rest > 1 ? base64Alphabet[Int(v >> 6 & 63)] : UInt8(ascii: "="))
                out.append(rest > 2 ? base64Alphabet[Int(v & 63)] : UInt8(ascii: "="))
                i += 3
            }
        }
        out += Array("?=".utf8)
        return String(decoding: out, as: UTF8.self)
    }
}
