import Synchronization

/// The transcoder MIMECore uses when a caller does not pass one.
///
/// MIMECore decodes UTF-8, US-ASCII and ISO-8859-1 itself. A program that links MIMECharsets
/// installs its ICU transcoder here once at start-up, so every charset works everywhere.
public enum CharsetTranscoders {
    private static let installed = Mutex<(any CharsetTranscoder)?>(nil)

    /// The installed transcoder, if any.
    public static var shared: (any CharsetTranscoder)? {
        get { installed.withLock { $0 } }
        set { installed.withLock { $0 = newValue } }
    }

    /// Decodes `bytes` in `charset` to a String: built-in charsets first, then `shared`.
    /// Nil when the charset is unknown to both.
    public static func decode(_ bytes: [UInt8], charset: String) -> String? {
        switch charset.lowercasedASCII {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            return String(decoding: bytes, as: UTF8.self)
        case "iso-8859-1", "latin1", "iso_8859-1", "l1":
            return String(decoding: bytes.flatMap(Parameter.latin1ToUTF8), as: UTF8.self)
        default:
            guard let transcoder = shared else { return nil }
            var out: [UInt8] = []
            let result = bytes.withUnsafeBytes { transcoder.transcode($0, from: charset, into: &out) }
            return result == nil ? nil : String(decoding: out, as: UTF8.self)
        }
    }
}
