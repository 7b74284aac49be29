/// Text decoding that header parsing needs without a transcoder: the three charsets MIMECore
/// handles itself (DESIGN.md §1: UTF-8, US-ASCII, ISO-8859-1) and the hand-off to a
/// `CharsetTranscoder` for every other charset.
enum BuiltinCharset {
    case utf8
    case usASCII
    case latin1

    /// Recognises the common IANA names and aliases of the three built-in charsets, any case.
    init?(name: String) {
        switch BuiltinCharset.lowercasedASCII(name) {
        case "utf-8", "utf8":
            self = .utf8
        case "us-ascii", "ascii", "us", "ansi_x3.4-1968", "iso646-us", "iso-ir-6", "cp367", "ibm367":
            self = .usASCII
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "iso-ir-100",
            "cp819", "ibm819", "iso_8859-1:1987", "csisolatin1":
            self = .latin1
        default:
            return nil
        }
    }

    /// ASCII-only lowercasing: charset names are ASCII (RFC 2978), and `String.lowercased()`
    /// applies Unicode rules we do not want here.
    static func lowercasedASCII(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The outcome of turning charset bytes into text.
    struct Decoded {
        var text: String
        /// Some bytes were not valid in the charset and became U+FFFD (or, for raw header
        /// bytes, were read as ISO-8859-1).
        var hadInvalidBytes: Bool
    }

    /// Decodes `bytes` in `charset`; nil when the charset is neither built in nor known to
    /// `transcoder`.
    static func decode(_ bytes: [UInt8], charset: String, transcoder: (any CharsetTranscoder)?) -> Decoded? {
        if let builtin = BuiltinCharset(name: charset) {
            return builtin.decode(bytes)
        }
        guard let transcoder else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        let result = bytes.withUnsafeBytes { transcoder.transcode($0, from: charset, into: &output) }
        guard let result else { return nil }
        return Decoded(text: String(decoding: output, as: UTF8.self), hadInvalidBytes: result.hadInvalidBytes)
    }

    /// Decodes with a built-in charset.
    ///
    /// Deviations:
    /// 1. US-ASCII text with 8-bit bytes is read as UTF-8 when it validates as UTF-8 (mailers
    ///    routinely label UTF-8 as us-ascii); otherwise the 8-bit bytes become U+FFFD.
    func decode(_ bytes: [UInt8]) -> Decoded {
        switch self {
        case .utf8:
            if let text = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: text, hadInvalidBytes: false)
            }
            return Decoded(text: String(decoding: bytes, as: UTF8.self), hadInvalidBytes: true)
        case .usASCII:
            if !bytes.contains(where: { $0 >= 0x80 }) {
                return Decoded(text: String(decoding: bytes, as: UTF8.self), hadInvalidBytes: false)
            }
            if let text = String(validating: bytes, as: UTF8.self) {
                return Decoded(text: text, hadInvalidBytes: true)
            }
            var scalars = String.UnicodeScalarView()
            for b in bytes { scalars.append(b < 0x80 ? Unicode.Scalar(b) : "\u{FFFD}") }
            return Decoded(text: String(scalars), hadInvalidBytes: true)
        case .latin1:
            return Decoded(text: BuiltinCharset.latin1String(bytes[...]), hadInvalidBytes: false)
        }
    }

    /// ISO-8859-1 maps each byte to the code point of the same value.
    static func latin1String(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }

    /// Raw header bytes outside encoded words: UTF-8 per RFC 6532 §3.2 when they validate,
    /// else ISO-8859-1 (what Python's `email` and MimeKit fall back to for 8-bit headers from
    /// pre-MIME mailers), flagged as invalid so the caller can record a defect.
    static func decodeRaw(_ bytes: ArraySlice<UInt8>) -> Decoded {
        if !bytes.contains(where: { $0 >= 0x80 }) {
            return Decoded(text: String(decoding: bytes, as: UTF8.self), hadInvalidBytes: false)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return Decoded(text: text, hadInvalidBytes: false)
        }
        return Decoded(text: latin1String(bytes), hadInvalidBytes: true)
    }
}
