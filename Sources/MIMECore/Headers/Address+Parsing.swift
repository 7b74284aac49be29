extension Address {
    /// Parses an address list (RFC 5322 §3.4 `address-list`, with the obsolete forms of §4.4)
    /// from an unfolded field value. Lenient and total: returns every address it can read and
    /// records the rest as defects. Linear time, no recursion (nested comments and groups are
    /// counted, not descended into).
    ///
    /// Deviations, following what Python's `email` (policy=default), GMime and MimeKit accept:
    /// 1. Display names: RFC 2047 encoded words are decoded also inside quoted strings
    ///    (`encodedWordInQuotedString`) and when not whitespace-delimited; `.` is allowed
    ///    unquoted (obs-phrase); other specials such as `@` are kept as text (`addressSpecialInPhrase`).
    /// 2. `user@host (Comment Name)` without a phrase: the comment becomes the display name.
    /// 3. Words before an addr-spec without angle brackets (`Ima Fool@example.com`): the last
    ///    word run is the addr-spec, the words before it the display name
    ///    (`addressMissingAngleBrackets`).
    /// 4. An addr-spec without `@` gives a mailbox with an empty domain (`addressMissingDomain`);
    ///    all its words form the local part (`Deal Shopper` → `"Deal Shopper"`).
    /// 5. Obsolete routes `<@a,@b:user@host>` are dropped (`obsoleteRoute`, a notice).
    /// 6. A nested group is flattened into the outer one (`groupNested`); a group without `;`
    ///    ends at the end of the field (`groupUnterminated`); a stray `;` is skipped.
    /// 7. `<` without `>` ends at the next `,` or `;` (`addressUnterminatedAngle`).
    /// 8. Empty list elements (`a@b, , c@d`, obs-addr-list) are skipped silently.
    /// 9. Tokens that form no mailbox are skipped (`addressInvalid`).
    /// 10. Domains and local parts are not length- or IDNA-checked beyond RFC 5321's 64-octet
    ///     local-part limit (`addressLocalPartTooLong`, advisory).
    ///
    /// - Parameters:
    ///   - bytes: the unfolded field value.
    ///   - transcoder: for encoded words in display names in charsets other than UTF-8,
    ///     US-ASCII and ISO-8859-1.
    ///   - baseOffset: absolute offset of `bytes[0]`, for defects.
    public static func parseList(
        _ bytes: [UInt8], transcoder: (any CharsetTranscoder)? = nil, baseOffset: Int = 0,
        defects: inout [Defect]
    ) -> [Address] {
        var parser = AddressListParser(bytes: bytes, transcoder: transcoder, baseOffset: baseOffset)
        let addresses = parser.parse()
        defects += parser.defects
        return addresses
    }
}

/// The state of one `Address.parseList` pass over the token array.
struct AddressListParser {
    let lexed: StructuredTokens
    let tokens: [StructuredToken]
    let transcoder: (any CharsetTranscoder)?
    let baseOffset: Int
    var defects: [Defect] = []

    init(bytes: [UInt8], transcoder: (any CharsetTranscoder)?, baseOffset: Int) {
        var tokenDefects: [Defect] = []
        self.lexed = StructuredTokenizer.tokenize(bytes, baseOffset: baseOffset, defects: &tokenDefects)
        self.tokens = lexed.tokens
        self.transcoder = transcoder
        self.baseOffset = baseOffset
        self.defects = tokenDefects
    }

    mutating func note(_ kind: Defect.Kind, token: Int, _ severity: Defect.Severity = .warning) {
        let offset = token < tokens.count ? tokens[token].start : (tokens.last?.end ?? 0)
        defects.append(Defect(kind, at: baseOffset + offset, severity: severity))
    }

    mutating func parse() -> [Address] {
        var result: [Address] = []
        var groupName: String? = nil
        var members: [Mailbox] = []
        var nested = 0
        var unitStart = 0
        var inAngle = false
        var angleIsRoute = false

        // For each token, the index of the next ">" or "," (or the end): tells in O(1) whether
        // a "<" is closed, so ":" and ";" inside a closed angle stay part of the address
        // ("<Undisclosed-Recipient:;@example.com>", seen in spam).
        var nextCloser = [Int](repeating: tokens.count, count: tokens.count + 1)
        var j = tokens.count - 1
        while j >= 0 {
            let t = tokens[j]
            nextCloser[j] = t.isSpecial(UInt8(ascii: ">")) || t.isSpecial(UInt8(ascii: ",")) ? j : nextCloser[j + 1]
            j -= 1
        }
        var angleIsClosed = false

        func nextIsAt(_ k: Int) -> Bool {
            var j = k
            while j < tokens.count, tokens[j].kind == .comment { j += 1 }
            return j < tokens.count && tokens[j].isSpecial(UInt8(ascii: "@"))
        }

        var k = 0
        while k < tokens.count {
            switch tokens[k].kind {
            case .special(UInt8(ascii: "<")):
                if !inAngle {
                    inAngle = true
                    angleIsRoute = nextIsAt(k + 1)
                    let closer = nextCloser[k + 1]
                    angleIsClosed = closer < tokens.count && tokens[closer].isSpecial(UInt8(ascii: ">"))
                }
            case .special(UInt8(ascii: ">")):
                inAngle = false
            case .special(UInt8(ascii: ",")):
                if !(inAngle && angleIsRoute) {
                    inAngle = false
                    if let m = mailbox(in: unitStart..<k) {
                        if groupName != nil { members.append(m) } else { result.append(.mailbox(m)) }
                    }
                    unitStart = k + 1
                }
            case .special(UInt8(ascii: ":")):
                if inAngle {
                    angleIsRoute = false
                } else if isPhraseOnly(unitStart..<k) {
                    if groupName != nil {
                        nested += 1
                        note(.groupNested, token: k)
                    } else {
                        groupName = phrase((unitStart..<k).filter { tokens[$0].kind != .comment }[...]) ?? ""
                    }
                    unitStart = k + 1
                }
            case .special(UInt8(ascii: ";")) where inAngle && angleIsClosed:
                break
            case .special(UInt8(ascii: ";")):
                inAngle = false
                if let m = mailbox(in: unitStart..<k) {
                    if groupName != nil { members.append(m) } else { result.append(.mailbox(m)) }
                }
                unitStart = k + 1
                if nested > 0 {
                    nested -= 1
                } else if let name = groupName {
                    result.append(.group(Group(name: name, members: members)))
                    groupName = nil
                    members = []
                } else {
                    note(.groupStrayTerminator, token: k, .notice)
                }
            default:
                break
            }
            k += 1
        }
        if let m = mailbox(in: unitStart..<tokens.count) {
            if groupName != nil { members.append(m) } else { result.append(.mailbox(m)) }
        }
        if let name = groupName {
            note(.groupUnterminated, token: tokens.count, .notice)
            result.append(.group(Group(name: name, members: members)))
        }
        return result
    }

    /// A group name candidate: no `<`, `>` or `@` before the `:`.
    func isPhraseOnly(_ range: Range<Int>) -> Bool {
        for j in range {
            switch tokens[j].kind {
            case .special(UInt8(ascii: "<")), .special(UInt8(ascii: ">")), .special(UInt8(ascii: "@")): return false
            default: continue
            }
        }
        return true
    }

    /// Reads one mailbox from the tokens of a list element; nil when there is nothing to read
    /// (empty element) or nothing usable (recorded as `addressInvalid`).
    mutating func mailbox(in range: Range<Int>) -> Mailbox? {
        let words = range.filter { tokens[$0].kind != .comment }
        if words.isEmpty { return nil }
        if let lt = words.first(where: { tokens[$0].isSpecial(UInt8(ascii: "<")) }) {
            return nameAddr(words: words, lt: lt, range: range)
        }
        // A bare addr-spec, possibly preceded by words (deviation 3). Walk back from the end
        // while tokens are joined: no space between them, or CFWS around `@` / `.` (obs forms).
        var first = words.count - 1
        while first > 0 {
            let current = tokens[words[first]]
            let previous = tokens[words[first - 1]]
            let joined =
                !current.spaceBefore || current.isSpecial(UInt8(ascii: "@")) || current.isSpecial(UInt8(ascii: "."))
                || previous.isSpecial(UInt8(ascii: "@")) || previous.isSpecial(UInt8(ascii: "."))
            if !joined { break }
            first -= 1
        }
        var phraseWords = words[..<first]
        var specWords = words[first...]
        if !specWords.contains(where: { tokens[$0].isSpecial(UInt8(ascii: "@")) }) {
            // No "@" anywhere: the words are one (broken) local part, "Deal Shopper", not a
            // display name and a local part (Python's reading).
            specWords = words[...]
            phraseWords = []
        }
        if !specWords.contains(where: { tokens[$0].isWord || tokens[$0].kind == .domainLiteral }) {
            note(.addressInvalid, token: words[0])
            return nil
        }
        var displayName: String? = nil
        if !phraseWords.isEmpty {
            note(.addressMissingAngleBrackets, token: phraseWords.first!)
            displayName = phrase(phraseWords)
        } else if let comment = range.first(where: { tokens[$0].kind == .comment && !isBlank(lexed.value(tokens[$0])) }) {
            let decoded = EncodedWord.decodeText(
                Array(lexed.value(tokens[comment])), transcoder: transcoder, baseOffset: baseOffset + tokens[comment].start + 1)
            defects += decoded.defects
            displayName = trimmed(decoded.text)
        }
        let (local, domain) = addrSpec(specWords)
        return Mailbox(displayName: displayName, localPart: local, domain: domain)
    }

    private mutating func nameAddr(words: [Int], lt: Int, range: Range<Int>) -> Mailbox? {
        // `words` holds sorted token indices: positions in it split phrase, angle and rest.
        let ltAt = words.firstIndex(of: lt)!
        let phraseWords = words[..<ltAt]
        let gtAt = words[(ltAt + 1)...].firstIndex { tokens[$0].isSpecial(UInt8(ascii: ">")) }
        if gtAt == nil { note(.addressUnterminatedAngle, token: lt) }
        var spec = words[(ltAt + 1)..<(gtAt ?? words.endIndex)]
        if let gtAt, gtAt + 1 < words.endIndex {
            note(.addressTrailingGarbage, token: words[gtAt + 1])
        }
        // Obsolete route (RFC 5322 §4.4 obs-route): "@a,@b:" before the addr-spec.
        if let firstSpec = spec.first, tokens[firstSpec].isSpecial(UInt8(ascii: "@")) {
            if let colon = spec.firstIndex(where: { tokens[$0].isSpecial(UInt8(ascii: ":")) }) {
                note(.obsoleteRoute, token: firstSpec, .notice)
                spec = spec[(colon + 1)...]
            }
        }
        if !spec.isEmpty, !spec.contains(where: { tokens[$0].isWord || tokens[$0].kind == .domainLiteral }) {
            note(.addressInvalid, token: spec.first!)
            return nil
        }
        let displayName = phraseWords.isEmpty ? nil : phrase(phraseWords)
        let (local, domain) = addrSpec(spec)
        return Mailbox(displayName: displayName, localPart: local, domain: domain)
    }

    /// Joins a phrase's words with single spaces where the source had CFWS, then decodes
    /// RFC 2047 words (RFC 2047 §5(3)). Nil when empty.
    mutating func phrase(_ words: ArraySlice<Int>) -> String? {
        var out: [UInt8] = []
        var encodedInQuotes = false
        var special = false
        for (n, j) in words.enumerated() {
            let t = tokens[j]
            // A space wherever the source had CFWS, after an empty "" too (as Python does).
            if n > 0, t.spaceBefore { out.append(0x20) }
            let value = lexed.value(t)
            switch t.kind {
            case .quoted:
                if containsEncodedWordStart(value) { encodedInQuotes = true }
            case .special(let c) where c != UInt8(ascii: "."):
                special = true
            default:
                break
            }
            out += value
        }
        guard let first = words.first else { return nil }
        if special { note(.addressSpecialInPhrase, token: first, .notice) }
        let decoded = EncodedWord.decodeText(out, transcoder: transcoder, baseOffset: baseOffset + tokens[first].start)
        defects += decoded.defects
        if encodedInQuotes, decoded.text.utf8.count != out.count || !decoded.text.utf8.elementsEqual(out) {
            note(.encodedWordInQuotedString, token: first, .notice)
        }
        return decoded.text
    }

    private func containsEncodedWordStart(_ v: ArraySlice<UInt8>) -> Bool {
        var i = v.startIndex
        while i + 1 < v.endIndex {
            if v[i] == UInt8(ascii: "="), v[i + 1] == UInt8(ascii: "?") { return true }
            i += 1
        }
        return false
    }

    private func isBlank(_ v: ArraySlice<UInt8>) -> Bool { !v.contains { !StructuredTokenizer.isWSP($0) } }

    private func trimmed(_ s: String) -> String {
        var scalars = Substring(s)
        while let f = scalars.unicodeScalars.first, f == " " || f == "\t" { scalars = scalars.dropFirst() }
        while let l = scalars.unicodeScalars.last, l == " " || l == "\t" { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
