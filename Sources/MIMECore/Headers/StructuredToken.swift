/// One lexical token of a structured header field (RFC 5322 §3.2): an atom, a quoted string,
/// a comment, a domain literal or a special character. Whitespace is not a token; it sets
/// `spaceBefore` on the next one.
struct StructuredToken {
    enum Kind: Equatable {
        /// 1*atext (§3.2.3), plus any byte ≥ 0x80 (RFC 6532 §3.2 UTF-8, or legacy 8-bit).
        case atom
        /// A quoted string (§3.2.4); `value` holds the content with quoted-pairs undone.
        case quoted
        /// A comment (§3.2.2), nested ones included in `value`; quoted-pairs undone.
        case comment
        /// `[...]` (§3.4.1); `value` is the raw text with brackets.
        case domainLiteral
        /// One of `()<>[]:;@\,.` or a control character that fits nowhere else.
        case special(UInt8)
    }

    var kind: Kind
    /// Source range, relative to the tokenized bytes.
    var start: Int
    var end: Int
    /// Where the token's value is: for quoted strings and comments, in the tokenizer's
    /// `unescaped` buffer (quoted-pairs undone); for the others, in the source (`start..<end`).
    /// One shared buffer instead of an array per token keeps tokens plain values: no
    /// allocation, retain or release per token (measured: allocation dominated address parsing).
    var value: Range<Int>
    /// Whitespace or a comment came between this token and the previous non-comment token.
    var spaceBefore: Bool
    /// A quoted string, comment or domain literal ran to the end of the input.
    var isUnterminated = false

    func isSpecial(_ c: UInt8) -> Bool { kind == .special(c) }

    /// A word in the sense of §3.2.5 (`atom / quoted-string`), or an obsolete domain literal.
    var isWord: Bool { kind == .atom || kind == .quoted }
}

extension Defect.Kind {
    /// A quoted string has no closing `"`; it runs to the end of the field.
    public static let unterminatedQuotedString = Defect.Kind("unterminatedQuotedString")
    /// A comment has no closing `)`; it runs to the end of the field.
    public static let unterminatedComment = Defect.Kind("unterminatedComment")
    /// A domain literal has no closing `]`.
    public static let unterminatedDomainLiteral = Defect.Kind("unterminatedDomainLiteral")
}

/// The tokens of one field, with the buffer their unescaped values live in.
struct StructuredTokens {
    var source: [UInt8]
    var tokens: [StructuredToken]
    var unescaped: [UInt8]

    /// The value of a token: unescaped content of quoted strings and comments, source bytes
    /// otherwise.
    func value(_ t: StructuredToken) -> ArraySlice<UInt8> {
        switch t.kind {
        case .quoted, .comment: return unescaped[t.value]
        default: return source[t.value]
        }
    }
}

/// Splits structured field bytes into `StructuredToken`s in one linear pass. Comment nesting is
/// a counter, never recursion, so `((((...` of any depth is safe.
enum StructuredTokenizer {
    /// atext (RFC 5322 §3.2.3) or 8-bit.
    static func isAtext(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...0xFF:
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    static func isWSP(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    /// Tokenizes `bytes`; unterminated constructs become defects at `baseOffset + position`.
    static func tokenize(_ bytes: [UInt8], baseOffset: Int, defects: inout [Defect]) -> StructuredTokens {
        var tokens: [StructuredToken] = []
        tokens.reserveCapacity(bytes.count / 4)  // typical fields: a token per 4-8 bytes
        var unescaped: [UInt8] = []
        let n = bytes.count
        var i = 0
        var space = false
        while i < n {
            let c = bytes[i]
            if isWSP(c) {
                space = true
                i += 1
                continue
            }
            let start = i
            switch c {
            case UInt8(ascii: "\""):
                let valueStart = unescaped.count
                i += 1
                var closed = false
                while i < n {
                    let d = bytes[i]
                    if d == UInt8(ascii: "\\"), i + 1 < n {
                        unescaped.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    i += 1
                    if d == UInt8(ascii: "\"") { closed = true; break }
                    // A fold inside a quoted string is FWS; after unfolding only the WSP remains.
                    if d == 0x0D || d == 0x0A { continue }
                    unescaped.append(d)
                }
                if !closed { defects.append(Defect(.unterminatedQuotedString, at: baseOffset + start)) }
                tokens.append(
                    StructuredToken(
                        kind: .quoted, start: start, end: i, value: valueStart..<unescaped.count, spaceBefore: space,
                        isUnterminated: !closed))
            case UInt8(ascii: "("):
                var depth = 1
                let valueStart = unescaped.count
                i += 1
                while i < n {
                    let d = bytes[i]
                    if d == UInt8(ascii: "\\"), i + 1 < n {
                        unescaped.append(bytes[i + 1])
                        i += 2
                        continue
                    }
                    i += 1
                    if d == UInt8(ascii: "(") { depth += 1 }
                    if d == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    unescaped.append(d)
                }
                if depth != 0 { defects.append(Defect(.unterminatedComment, at: baseOffset + start)) }
                tokens.append(
                    StructuredToken(
                        kind: .comment, start: start, end: i, value: valueStart..<unescaped.count, spaceBefore: space,
                        isUnterminated: depth != 0))
                space = true  // a comment separates like whitespace (CFWS)
                continue
            case UInt8(ascii: "["):
                i += 1
                var closed = false
                while i < n {
                    let d = bytes[i]
                    if d == UInt8(ascii: "\\"), i + 1 < n { i += 2; continue }
                    i += 1
                    if d == UInt8(ascii: "]") { closed = true; break }
                    if d == UInt8(ascii: "[") { i -= 1; break }
                }
                if !closed { defects.append(Defect(.unterminatedDomainLiteral, at: baseOffset + start)) }
                tokens.append(
                    StructuredToken(
                        kind: .domainLiteral, start: start, end: i, value: start..<i, spaceBefore: space,
                        isUnterminated: !closed))
            default:
                if isAtext(c) {
                    while i < n, isAtext(bytes[i]) { i += 1 }
                    tokens.append(StructuredToken(kind: .atom, start: start, end: i, value: start..<i, spaceBefore: space))
                } else {
                    i += 1
                    tokens.append(StructuredToken(kind: .special(c), start: start, end: i, value: start..<i, spaceBefore: space))
                }
            }
            space = false
        }
        return StructuredTokens(source: bytes, tokens: tokens, unescaped: unescaped)
    }
}
