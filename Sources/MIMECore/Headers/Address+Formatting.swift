extension Mailbox {
    /// The mailbox as header text (RFC 5322 §3.4): `name-addr` when there is a display name,
    /// else the `addr-spec`; `<>` for the empty (null reverse-path) mailbox. The display name is
    /// written as an atom sequence when it can be, as a quoted string when it is ASCII with
    /// specials, and as RFC 2047 encoded words when it has non-ASCII or control characters or
    /// looks like an encoded word. `Address.parseList` reads it back to an equal mailbox.
    public var headerText: String {
        let spec = address.isEmpty ? "<>" : address
        guard let displayName else { return spec }
        return Mailbox.phraseText(displayName) + " <" + address + ">"
    }

    /// A phrase (RFC 5322 §3.2.5) that reads back as exactly `text`.
    static func phraseText(_ text: String) -> String {
        var needsEncoding = false
        var needsQuoting = text.isEmpty
        var previous: Unicode.Scalar = " "
        for s in text.unicodeScalars {
            if s.value >= 0x7F || s.value < 0x20 || (previous == "=" && s == "?") {
                needsEncoding = true
                break
            }
            // A space next to a space (or at either end) would be collapsed by a reader.
            if s == " " && previous == " " { needsQuoting = true }
            if s != " ", s.value > 0x7F || !StructuredTokenizer.isAtext(UInt8(s.value)) { needsQuoting = true }
            previous = s
        }
        if previous == " " { needsQuoting = true }
        if needsEncoding {
            // Every character inside encoded words, so a reader's collapsing of whitespace and
            // dropping of space between encoded words cannot change the text.
            return EncodedWord.encodeWords(Array(text.unicodeScalars)[...])
        }
        if !needsQuoting { return text }
        return quoted(text)
    }
}

extension Address {
    /// The address as header text: a mailbox's `headerText`, or `name: member, member;`.
    public var headerText: String {
        switch self {
        case .mailbox(let m):
            return m.headerText
        case .group(let g):
            return Mailbox.phraseText(g.name) + ": " + g.members.map(\.headerText).joined(separator: ", ") + ";"
        }
    }
}
