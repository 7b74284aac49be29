import MIMECore

/// Transcodes text in any charset ICU knows to UTF-8: every IANA charset and alias, the
/// stateful ones (ISO-2022-JP, UTF-7, HZ) included.
///
/// UTF-8, US-ASCII, ISO-8859-1 and windows-1252 take hand-written paths (an 8-bytes-at-a-time
/// ASCII loop, UTF-8 validation, a 256-entry windows-1252 table built from ICU on first use).
/// Other stateless single-byte charsets (KOI8-R, ISO-8859-x, windows-125x) get the same kind
/// of table, built from ICU the first time each is used; everything else goes through ICU's
/// `ucnv_convertEx`, with converters kept open in a thread-safe pool. Bytes that are ill-formed or unmapped in a charset become U+FFFD.
///
/// **Deviations** (reported in the `TranscodeReport` and as defects by its `defects(at:)`):
/// 1. Text labelled us-ascii with 8-bit bytes is read as UTF-8 when it is valid UTF-8 and
///    as windows-1252 otherwise: the label is a mailer default, not a statement.
/// 2. Text labelled UTF-8 in which no non-ASCII sequence is valid UTF-8 is read as
///    windows-1252. Text with some valid sequences stays UTF-8 (invalid ones become U+FFFD).
/// 3. Text labelled ISO-8859-1 that uses bytes 0x80–0x9F (C1 controls, never meant in mail)
///    is read as windows-1252, its superset, as WHATWG Encoding does for every such label.
public struct ICUTranscoder: CharsetTranscoder {
    public init() {}

    /// Whether ICU (or a fast path) knows `charset` as a name or alias.
    public static func isKnown(_ charset: String) -> Bool {
        let name = BasicTranscoder.normalizedName(charset)
        return BasicTranscoder.basicCharset(named: name) != nil
            || ICUConverterPool.withConverter(named: name) { _ in true } != nil
    }

    public func transcode(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeResult? {
        transcodeReporting(bytes, from: charset, into: &output)?.result
    }

    /// Like `transcode(_:from:into:)`, with the full report; nil (appending nothing) when
    /// the charset is unknown.
    public func transcodeReporting(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeReport? {
        let name = BasicTranscoder.normalizedName(charset)
        if let basic = BasicTranscoder.basicCharset(named: name) {
            // ISO-8859-1 stays ISO-8859-1 even with bytes 0x80–0x9F: every byte is valid in it, and
            // `extract --text` promises the declared charset (CLI.md). Browsers read the label as
            // windows-1252; we do not guess where the label is not wrong.
            return BasicTranscoder.transcode(bytes, as: basic, into: &output) { bytes, output in
                guard let table = SingleByteTable.windows1252 else {
                    TextBytes.appendLatin1(bytes, into: &output)
                    return ("iso-8859-1", false)
                }
                return ("windows-1252", table.append(bytes, into: &output))
            }
        }
        if Self.windows1252Names.contains(name), let table = SingleByteTable.windows1252 {
            return TranscodeReport(hadInvalidBytes: table.append(bytes, into: &output))
        }
        if let table = SingleByteTable.table(forICUName: name) {
            return TranscodeReport(hadInvalidBytes: table.append(bytes, into: &output))
        }
        return ICUConverterPool.withConverter(named: name) { converter in
            TranscodeReport(hadInvalidBytes: converter.appendUTF8(bytes, into: &output))
        }
    }

    /// The charset text labelled `declared` most likely is: windows-1252 for ISO-8859-1 (or
    /// US-ASCII) text that uses bytes 0x80–0x9F, which are control characters in ISO-8859-1 but
    /// punctuation in windows-1252 (what GMime's charset detector reports for such text); else
    /// the declared name. Decoding keeps the declared charset; this only tells.
    public static func likelyCharset(of bytes: UnsafeRawBufferPointer, declared: String) -> String {
        let name = BasicTranscoder.normalizedName(declared)
        guard BasicTranscoder.basicCharset(named: name) == .latin1 else { return declared }
        var i = TextBytes.firstNonASCII(bytes)
        while i < bytes.count {
            if bytes[i] >= 0x80 && bytes[i] <= 0x9F { return "windows-1252" }
            i += 1
        }
        return declared
    }

    /// Transcodes through ICU's converter alone, bypassing the hand-written paths and the
    /// mislabel fallbacks: the reference the fast paths are tested against.
    public func transcodeBypassingFastPaths(_ bytes: UnsafeRawBufferPointer, from charset: String,
                                            into output: inout [UInt8]) -> TranscodeReport? {
        ICUConverterPool.withConverter(named: BasicTranscoder.normalizedName(charset)) { converter in
            TranscodeReport(hadInvalidBytes: converter.appendUTF8(bytes, into: &output))
        }
    }

    private static let windows1252Names: Set<String> = ["windows-1252", "cp1252", "x-cp1252", "cp-1252", "win-1252"]

}
