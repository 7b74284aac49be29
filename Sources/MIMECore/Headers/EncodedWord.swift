/// One RFC 2047 encoded word, `=?charset?encoding?encoded-text?=` (RFC 2047 §2), decoded to
/// the octets of its charset.
///
/// Decoding text that contains encoded words is `EncodedWord.decodeText(_:transcoder:baseOffset:)`
/// (in `EncodedWord+Decoding.swift`); producing them is `EncodedWord.encodeText(_:)`.
public struct EncodedWord: Sendable, Hashable {
    /// The two encodings of RFC 2047 §4. A closed grammar, so an enum.
    public enum Encoding: Sendable, Hashable {
        /// "B": base64 (RFC 2047 §4.1).
        case base64
        /// "Q": quoted-printable's header variant, with `_` for space (RFC 2047 §4.2).
        case quoted
    }

    /// The charset as written, without an RFC 2231 §5 language suffix.
    public var charset: String
    /// The RFC 2231 §5 language (`=?utf-8*en?q?...?=`), if any.
    public var language: String?
    /// B or Q.
    public var encoding: Encoding
    /// The decoded octets, still in `charset`.
    public var bytes: [UInt8]

    /// Creates a word from its parts (no validation).
    public init(charset: String, language: String? = nil, encoding: Encoding, bytes: [UInt8]) {
        self.charset = charset
        self.language = language
        self.encoding = encoding
        self.bytes = bytes
    }

    /// Validates and decodes a single, complete encoded word (RFC 2047 §2). Returns nil when the
    /// text is not exactly one well-formed word: no leniency here, see `decodeText` for that.
    public init?(_ word: String) {
        let b = Array(word.utf8)
        var scanner = EncodedWordScanner(bytes: b)
        guard let token = scanner.scan(at: 0), token.end == b.count, token.isTerminated,
            !token.containsWhitespace
        else { return nil }
        var problems = EncodedWord.Problems()
        let decoded = EncodedWord.decodePayload(b[token.text], encoding: token.encoding, problems: &problems)
        guard !problems.invalidText, !problems.badPadding else { return nil }
        self.init(charset: token.charset, language: token.language, encoding: token.encoding, bytes: decoded)
    }
}

extension Defect.Kind {
    /// An encoded word has no closing `?=`; it was decoded up to the next whitespace or word.
    public static let encodedWordUnterminated = Defect.Kind("encodedWordUnterminated")
    /// An encoded word touches ordinary text with no whitespace between (RFC 2047 §5 forbids it;
    /// many mailers do it).
    public static let encodedWordNotDelimited = Defect.Kind("encodedWordNotDelimited")
    /// An encoded word's text contains whitespace (RFC 2047 §2 forbids it).
    public static let encodedWordContainsWhitespace = Defect.Kind("encodedWordContainsWhitespace")
    /// An encoded word has empty encoded text (`=?utf-8?q??=`).
    public static let encodedWordEmpty = Defect.Kind("encodedWordEmpty")
    /// Characters that are not valid base64 or Q (`=` without two hex digits) were skipped or kept.
    public static let encodedWordInvalidText = Defect.Kind("encodedWordInvalidText")
    /// Base64 text with missing or extra padding.
    public static let encodedWordBase64Padding = Defect.Kind("encodedWordBase64Padding")
    /// The charset is unknown: the encoded words were kept as written.
    public static let unknownCharset = Defect.Kind("unknownCharset")
    /// Decoded octets were not valid in their charset; they became U+FFFD.
    public static let invalidCharsetBytes = Defect.Kind("invalidCharsetBytes")
    /// Raw 8-bit header bytes were not UTF-8 (RFC 6532); they were read as ISO-8859-1.
    public static let invalidHeaderUTF8 = Defect.Kind("invalidHeaderUTF8")
    /// An encoded word inside a quoted string was decoded (RFC 2047 §5(3) forbids it; Outlook
    /// and others emit it; Python's `email` and MimeKit decode it too).
    public static let encodedWordInQuotedString = Defect.Kind("encodedWordInQuotedString")
}

extension EncodedWord {
    /// What went wrong while decoding an encoded word's payload.
    struct Problems {
        var invalidText = false
        var badPadding = false
    }

    /// Decodes B or Q encoded text.
    ///
    /// Deviations from RFC 2047 §4:
    /// 1. Base64: characters outside the alphabet are skipped; missing padding is accepted;
    ///    anything after the first `=` is ignored; a dangling single sextet is dropped.
    /// 2. Q: `=` not followed by two hex digits is kept literally; lowercase hex is accepted;
    ///    bytes RFC 2047 says must be encoded (space, 8-bit) are taken as they are.
    static func decodePayload(_ text: ArraySlice<UInt8>, encoding: Encoding, problems: inout Problems) -> [UInt8] {
        switch encoding {
        case .base64: return decodeBase64(text, problems: &problems)
        case .quoted: return decodeQ(text, problems: &problems)
        }
    }

    private static func decodeBase64(_ text: ArraySlice<UInt8>, problems: inout Problems) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count * 3 / 4)
        var accumulator: UInt32 = 0
        var sextets = 0
        var sawPadding = false
        var padding = 0
        for c in text {
            if sawPadding {
                if c == UInt8(ascii: "=") { padding += 1 } else { problems.invalidText = true }
                continue
            }
            let value: UInt32
            switch c {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(c - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(c - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(c - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                sawPadding = true
                padding = 1
                continue
            default:
                problems.invalidText = true
                continue
            }
            accumulator = accumulator << 6 | value
            sextets += 1
            if sextets == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                sextets = 0
            }
        }
        switch sextets {
        case 0:
            if padding != 0 { problems.badPadding = true }
        case 1:
            problems.badPadding = true  // six bits cannot make a byte
        case 2:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
            if padding != 2 { problems.badPadding = true }
        default:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
            if padding != 1 { problems.badPadding = true }
        }
        return out
    }

    private static func decodeQ(_ text: ArraySlice<UInt8>, problems: inout Problems) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            if c == UInt8(ascii: "_") {
                out.append(0x20)
            } else if c == UInt8(ascii: "="), text.endIndex - i >= 3,
                let hi = hexValue(text[i + 1]), let lo = hexValue(text[i + 2])
            {
                out.append(hi << 4 | lo)
                i += 3
                continue
            } else {
                if c == UInt8(ascii: "=") { problems.invalidText = true }
                out.append(c)
            }
            i += 1
        }
        return out
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        default: return nil
        }
    }
}
