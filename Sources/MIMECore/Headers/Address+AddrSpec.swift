extension AddressListParser {
    /// Reads an addr-spec (RFC 5322 §3.4.1, obsolete forms §4.4) from non-comment tokens.
    /// Returns the unquoted local part and the domain as text; problems become defects.
    ///
    /// Deviations:
    /// 1. Several unquoted `@`: the last one separates local part and domain; the others stay in
    ///    the local part (`addressMultipleAtSigns`).
    /// 2. No `@`: the whole is the local part and the domain is empty (`addressMissingDomain`),
    ///    except for the empty `<>` of a null reverse path (RFC 5321 §4.5.5), which is silent.
    /// 3. Misplaced dots and stray specials are kept as text (`addressInvalidLocalPart`,
    ///    `addressInvalidDomain`), except stray `<` `>` in a domain, which are dropped.
    mutating func addrSpec(_ words: ArraySlice<Int>) -> (local: String, domain: String) {
        guard let first = words.first else { return ("", "") }
        guard let atAt = words.lastIndex(where: { tokens[$0].isSpecial(UInt8(ascii: "@")) }) else {
            note(.addressMissingDomain, token: first)
            return (localPart(words), "")
        }
        let at = words[atAt]
        if let firstAt = words.firstIndex(where: { tokens[$0].isSpecial(UInt8(ascii: "@")) }), firstAt != atAt {
            note(.addressMultipleAtSigns, token: words[firstAt])
        }
        let localWords = words[..<atAt]
        let domainWords = words[(atAt + 1)...]
        var local = ""
        if localWords.isEmpty {
            note(.addressMissingLocalPart, token: at)
        } else {
            local = localPart(localWords)
        }
        if domainWords.isEmpty {
            note(.addressMissingDomain, token: at)
            return (local, "")
        }
        let domain = domain(domainWords)
        // Only dropped brackets: as good as no domain.
        if domain.isEmpty { note(.addressMissingDomain, token: at) }
        return (local, domain)
    }

    /// `local-part = dot-atom / quoted-string / obs-local-part` (§3.4.1, §4.4).
    private mutating func localPart(_ words: ArraySlice<Int>) -> String {
        var out: [UInt8] = []
        var expectWord = true
        var invalid = false
        var sawQuoted = false
        for j in words {
            let t = tokens[j]
            switch t.kind {
            case .atom, .quoted:
                if !expectWord {
                    // Two words with no dot between: keep the space the source had, so the
                    // address re-quotes as "Undisclosed Recipients"@host (as Python does).
                    invalid = true
                    if t.spaceBefore { out.append(0x20) }
                }
                if t.kind == .quoted { sawQuoted = true }
                if t.isUnterminated { invalid = true }
                out += lexed.value(t)
                expectWord = false
            case .special(UInt8(ascii: ".")):
                if expectWord { invalid = true }  // leading or doubled dot
                out.append(UInt8(ascii: "."))
                expectWord = true
            default:
                invalid = true
                out += lexed.value(t)
                expectWord = false
            }
        }
        if expectWord { invalid = true }  // trailing dot
        if invalid {
            note(.addressInvalidLocalPart, token: words.first!)
        } else if sawQuoted, words.count > 1 {
            note(.obsoleteLocalPart, token: words.first!, .notice)
        }
        if out.count > 64 { note(.addressLocalPartTooLong, token: words.first!) }
        let decoded = BuiltinCharset.decodeRaw(out[...])
        if decoded.hadInvalidBytes { note(.invalidHeaderUTF8, token: words.first!, .notice) }
        return decoded.text
    }

    /// `domain = dot-atom / domain-literal / obs-domain` (§3.4.1, §4.4), kept as written
    /// (IDN U-labels and A-labels alike; RFC 6532 §3.2).
    private mutating func domain(_ words: ArraySlice<Int>) -> String {
        let first = words.first!
        if words.count == 1, tokens[first].kind == .domainLiteral {
            return String(decoding: lexed.value(tokens[first]), as: UTF8.self)
        }
        var out: [UInt8] = []
        var expectWord = true
        var invalid = false
        for j in words {
            let t = tokens[j]
            switch t.kind {
            case .atom:
                if !expectWord { invalid = true }
                out += lexed.value(t)
                expectWord = false
            case .special(UInt8(ascii: ".")):
                if expectWord { invalid = true }
                out.append(UInt8(ascii: "."))
                expectWord = true
            case .special(UInt8(ascii: "<")), .special(UInt8(ascii: ">")):
                // A stray angle bracket (`a@b.example>` with no `<`) is dropped: kept, it would
                // close the brackets the address is written in.
                invalid = true
            default:
                invalid = true
                out += lexed.value(t)
                expectWord = false
            }
        }
        if expectWord { invalid = true }
        if invalid { note(.addressInvalidDomain, token: first) }
        let decoded = BuiltinCharset.decodeRaw(out[...])
        if decoded.hadInvalidBytes { note(.invalidHeaderUTF8, token: first, .notice) }
        return decoded.text
    }
}
