/// What the path to the recipient can carry, which bounds the transfer encodings a writer may
/// choose (RFC 6152 8BITMIME, RFC 3030 BINARYMIME, RFC 6531 SMTPUTF8).
public struct TransportTarget: Sendable, Hashable {
    /// Whether 8-bit octets may appear in bodies (`8bit` Content-Transfer-Encoding).
    public var allowsEightBit: Bool
    /// Whether NULs and bare CR may appear in bodies (`binary`, RFC 3030).
    public var allowsBinary: Bool

    /// Plain RFC 5321 SMTP: every body 7-bit (the safe default).
    public static let sevenBitOnly = TransportTarget(allowsEightBit: false, allowsBinary: false)
    /// A server that announced 8BITMIME.
    public static let eightBitMIME = TransportTarget(allowsEightBit: true, allowsBinary: false)
    /// A server that announced SMTPUTF8 (which implies 8BITMIME). Header fields are still
    /// written with RFC 2047 encoded words, which every reader understands.
    public static let smtpUTF8 = TransportTarget(allowsEightBit: true, allowsBinary: false)
    /// A server that announced BINARYMIME, or a file that never travels by SMTP.
    public static let binary = TransportTarget(allowsEightBit: true, allowsBinary: true)
}

/// The facts about a body that decide its transfer encoding (RFC 2045 §2.7–2.8, RFC 5322
/// §2.1.1). One linear pass.
public struct BodyAnalysis: Sendable, Hashable {
    /// Octets in the body.
    public var count = 0
    /// Octets ≥ 0x80.
    public var eightBitCount = 0
    /// NUL octets (never allowed in 7bit or 8bit).
    public var nulCount = 0
    /// CR not followed by LF, or LF not preceded by CR: not a line break in canonical form.
    public var bareLineBreakCount = 0
    /// The longest line in octets, without its CRLF.
    public var longestLine = 0
    /// Lines ending in space or tab, which transports may strip.
    public var trailingWhitespaceLines = 0

    /// Analyses `bytes`.
    public init(_ bytes: [UInt8]) {
        count = bytes.count
        var line = 0
        var previous: UInt8 = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A {
                longestLine = max(longestLine, line)
                if previous == 0x20 || previous == 0x09 { trailingWhitespaceLines += 1 }
                line = 0
                previous = 0x0A
                i += 2
                continue
            }
            if b == 0x0D || b == 0x0A { bareLineBreakCount += 1 }
            if b >= 0x80 { eightBitCount += 1 }
            if b == 0 { nulCount += 1 }
            line += 1
            previous = b
            i += 1
        }
        longestLine = max(longestLine, line)
        if previous == 0x20 || previous == 0x09 { trailingWhitespaceLines += 1 }
    }

    /// Whether the body may be sent as it is: lines within 998 octets (RFC 5322 §2.1.1), no
    /// NUL, no bare CR or LF, no trailing white space (a transport may strip it).
    var isLineSafe: Bool {
        longestLine <= 998 && nulCount == 0 && bareLineBreakCount == 0 && trailingWhitespaceLines == 0
    }

    /// Picks the transfer encoding for this body.
    ///
    /// 1. Line-safe ASCII is `7bit`.
    /// 2. Line-safe 8-bit text is `8bit` when the target allows it.
    /// 3. Where the target allows binary, anything else within 998-octet lines is `binary`.
    /// 4. Otherwise text is `quoted-printable` when under a sixth of it is 8-bit and it has no
    ///    NUL or bare CR/LF (QP costs 3 octets per 8-bit octet against base64's 4/3 for all;
    ///    QP in text mode would also rewrite bare line breaks), else `base64`.
    /// 5. Non-text that is not line-safe ASCII is `base64`.
    public func transferEncoding(isText: Bool, target: TransportTarget) -> TransferEncoding {
        if isLineSafe && eightBitCount == 0 { return .sevenBit }
        if isText && isLineSafe && target.allowsEightBit { return .eightBit }
        if target.allowsBinary && longestLine <= 998 && bareLineBreakCount == 0 { return .binary }
        if isText && nulCount == 0 && bareLineBreakCount == 0 && eightBitCount * 6 < count { return .quotedPrintable }
        return .base64
    }
}
