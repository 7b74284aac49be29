extension Defect.Kind {
    /// Bytes invalid in the declared charset were replaced with U+FFFD.
    public static let charsetInvalidBytes = Defect.Kind("charsetInvalidBytes")
    /// The declared charset did not fit the bytes; another one was used (see `TranscodeReport`).
    public static let charsetMislabeled = Defect.Kind("charsetMislabeled")
    /// The charset is unknown; the bytes were kept undecoded.
    public static let charsetUnknown = Defect.Kind("charsetUnknown")
}

/// What happened while transcoding, in more detail than `TranscodeResult`.
public struct TranscodeReport: Sendable, Hashable {
    /// Some input was replaced with U+FFFD.
    public var hadInvalidBytes: Bool
    /// The charset actually used when the declared one did not fit (for example
    /// `"windows-1252"` for 8-bit bytes labelled us-ascii), or nil when the declared one was used.
    public var fallbackCharset: String?
    /// False when the bytes were invalid in the declared charset (8-bit bytes in us-ascii,
    /// ill-formed UTF-8). True for a superset fallback such as ISO-8859-1 read as windows-1252.
    public var declaredCharsetFits: Bool

    public init(hadInvalidBytes: Bool, fallbackCharset: String? = nil, declaredCharsetFits: Bool = true) {
        self.hadInvalidBytes = hadInvalidBytes
        self.fallbackCharset = fallbackCharset
        self.declaredCharsetFits = declaredCharsetFits
    }

    /// The report as defects at `offset` (the start of the transcoded text in the source).
    public func defects(at offset: Int) -> [Defect] {
        var defects: [Defect] = []
        if fallbackCharset != nil {
            defects.append(Defect(.charsetMislabeled, at: offset, severity: declaredCharsetFits ? .notice : .warning))
        }
        if hadInvalidBytes { defects.append(Defect(.charsetInvalidBytes, at: offset)) }
        return defects
    }

    /// The report in the protocol's terms: bytes that were invalid in the declared charset
    /// count as invalid even when a fallback charset decoded them.
    public var result: TranscodeResult {
        TranscodeResult(hadInvalidBytes: hadInvalidBytes || !declaredCharsetFits)
    }
}

/// The charsets MIMECore decodes without help: UTF-8, US-ASCII and ISO-8859-1 (RFC 2046 §4.1.2
/// names the first two; ISO-8859-1 is the classic default of 8-bit mail).
///
/// **Deviations** (reported in the `TranscodeReport`, and as defects by `defects(at:)`):
/// 1. Text labelled us-ascii that has 8-bit bytes is read as UTF-8 when it is valid UTF-8,
///    and as ISO-8859-1 otherwise (MIMECharsets' transcoder uses windows-1252 instead, whose
///    table MIMECore does not carry).
/// 2. Text labelled UTF-8 in which no non-ASCII sequence is valid UTF-8 is read as
///    ISO-8859-1: it is legacy 8-bit text with the wrong label. Text with some valid
///    sequences stays UTF-8 and its invalid sequences become U+FFFD.
public struct BasicTranscoder: CharsetTranscoder {
    /// The charsets this transcoder handles.
    public enum Charset: Sendable, Hashable {
        case utf8
        case usASCII
        case latin1
    }

    public init() {}

    /// Recognises the IANA names and common aliases of the basic charsets, ignoring case and
    /// surrounding white space or quotes.
    public static func basicCharset(named name: String) -> Charset? {
        aliases[normalizedName(name)]
    }

    private static let aliases: [String: Charset] = {
        var table: [String: Charset] = [:]
        for name in ["utf-8", "utf8", "unicode-1-1-utf-8", "x-utf-8"] { table[name] = .utf8 }
        for name in ["us-ascii", "ascii", "us", "ansi_x3.4-1968", "ansi_x3.4-1986", "iso646-us", "iso-ir-6",
                     "iso_646.irv:1991", "cp367", "ibm367", "csascii", "646"] { table[name] = .usASCII }
        for name in ["iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "iso88591", "8859-1", "latin1",
                     "latin-1", "l1", "iso-ir-100", "cp819", "ibm819", "csisolatin1"] { table[name] = .latin1 }
        return table
    }()

    /// Lowercases ASCII letters and trims blanks and quotes: charset names are
    /// case-insensitive (RFC 2046 §4.1.2) and mailers quote them. A name that needs no change
    /// (the usual case) is returned as it is, without allocating.
    public static func normalizedName(_ name: String) -> String {
        @inline(__always) func isTrimmed(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x22 || byte == 0x27
        }
        let utf8 = name.utf8
        if let first = utf8.first, let last = utf8.last, !isTrimmed(first), !isTrimmed(last),
           !utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
            return name
        }
        var bytes = Array(utf8)
        while let last = bytes.last, isTrimmed(last) { bytes.removeLast() }
        var start = 0
        while start < bytes.count, isTrimmed(bytes[start]) { start += 1 }
        return String(decoding: bytes[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    public func transcode(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeResult? {
        transcodeReporting(bytes, from: charset, into: &output)?.result
    }

    /// Like `transcode(_:from:into:)`, with the full report.
    public func transcodeReporting(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeReport? {
        guard let basic = Self.basicCharset(named: charset) else { return nil }
        return Self.transcode(bytes, as: basic, into: &output) { bytes, output in
            TextBytes.appendLatin1(bytes, into: &output)
            return ("iso-8859-1", false)
        }
    }

    /// The shared logic of the basic charsets, with the legacy 8-bit charset as a parameter
    /// so MIMECharsets can fall back to windows-1252.
    public static func transcode(
        _ bytes: UnsafeRawBufferPointer, as charset: Charset, into output: inout [UInt8],
        legacyFallback: (UnsafeRawBufferPointer, inout [UInt8]) -> (name: String, hadInvalidBytes: Bool)
    ) -> TranscodeReport {
        let asciiPrefix = TextBytes.firstNonASCII(bytes)
        if asciiPrefix == bytes.count {
            output.append(contentsOf: bytes)
            return TranscodeReport(hadInvalidBytes: false)
        }
        switch charset {
        case .latin1:
            TextBytes.appendLatin1(bytes, into: &output)
            return TranscodeReport(hadInvalidBytes: false)
        case .utf8, .usASCII:
            let start = output.count
            // Valid text (the usual case) is copied whole; only damaged text is repaired.
            let isValid = TextBytes.isValidUTF8(UnsafeRawBufferPointer(rebasing: bytes[asciiPrefix...]))
            let scan = isValid ? nil : TextBytes.appendRepairingUTF8(bytes, into: &output)
            if isValid { output.append(contentsOf: bytes) }
            guard let scan, scan.invalidSequences > 0 else {
                if charset == .usASCII {
                    return TranscodeReport(hadInvalidBytes: false, fallbackCharset: "utf-8", declaredCharsetFits: false)
                }
                return TranscodeReport(hadInvalidBytes: false)
            }
            if charset == .utf8 && scan.multibyteSequences > 0 {
                return TranscodeReport(hadInvalidBytes: true)
            }
            output.removeSubrange(start...)
            let legacy = legacyFallback(bytes, &output)
            return TranscodeReport(hadInvalidBytes: legacy.hadInvalidBytes, fallbackCharset: legacy.name, declaredCharsetFits: false)
        }
    }
}
