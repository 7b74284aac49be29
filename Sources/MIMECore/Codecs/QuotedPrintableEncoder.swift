/// A streaming encoder for the quoted-printable content transfer encoding (RFC 2045 §6.7).
///
/// Encoded lines hold at most 76 characters: long lines get soft breaks (`=` and a line break,
/// rule (5)). `=`, controls and 8-bit bytes are written `=XY` with uppercase hex (rule (1)).
/// A blank that would end a line is encoded (`=20`, `=09`, rule (3)), so transport cannot
/// strip it. Chunking never changes the output.
///
/// In **text** mode (the default) input line breaks, CRLF or a lone LF, become hard line breaks
/// written as `lineEnding` (rule (4)); a lone CR is encoded as `=0D`. In **binary** mode every
/// CR and LF is encoded, so any bytes round-trip exactly.
///
/// Two optional protections for mail that passes through old transports:
/// `encodesFromLines` encodes an `F` at the start of an encoded line (so no line starts with
/// `From `, which mbox would escape), and `encodesDotLines` encodes a `.` at the start of an
/// encoded line (which SMTP would otherwise dot-stuff, RFC 5321 §4.5.2). Both apply to every
/// encoded line start, not only to lines that really begin `From ` or `.`, which needs no
/// look-ahead and is equally safe.
public struct QuotedPrintableEncoder: Sendable {
    public let lineEnding: LineEnding
    public let isBinary: Bool
    public let encodesFromLines: Bool
    public let encodesDotLines: Bool

    /// Characters on the current encoded line.
    private var column = 0
    /// A blank held back until we know whether a line break follows it (0: none).
    private var pendingBlank: UInt8 = 0
    /// Text mode: a CR held back until we know whether LF follows it.
    private var pendingCR = false

    /// The longest run of characters before a soft break; the `=` makes 76 (rule (5)).
    private static let maximumContent = 75

    public init(lineEnding: LineEnding = .crlf, isBinary: Bool = false,
                encodesFromLines: Bool = false, encodesDotLines: Bool = false) {
        self.lineEnding = lineEnding
        self.isBinary = isBinary
        self.encodesFromLines = encodesFromLines
        self.encodesDotLines = encodesDotLines
    }

    /// Encodes `input`, appending quoted-printable text to `output`.
    public mutating func encode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if input.isEmpty { return }
        output.appendBytes(upTo: input.count * 6 + 16) { out in
            var o = 0
            for byte in input { o += encodeByte(byte, into: out + o) }
            return o
        }
    }

    @inline(__always)
    private mutating func encodeByte(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if !isBinary {
            if pendingCR {
                pendingCR = false
                if byte == 10 { return hardBreak(into: out) }
                o += flushBlankAsLiteral(into: out)
                o += writeEncoded(13, into: out + o)
            }
            if byte == 13 {
                pendingCR = true
                return o
            }
            if byte == 10 { return o + hardBreak(into: out + o) }
        }
        if byte == 0x20 || byte == 0x09 {
            o += flushBlankAsLiteral(into: out + o)
            pendingBlank = byte
            return o
        }
        o += flushBlankAsLiteral(into: out + o)
        if byte >= 0x21 && byte <= 0x7E && byte != 0x3D {
            return o + writeLiteral(byte, into: out + o)
        }
        return o + writeEncoded(byte, into: out + o)
    }

    private mutating func flushBlankAsLiteral(into out: UnsafeMutablePointer<UInt8>) -> Int {
        if pendingBlank == 0 { return 0 }
        defer { pendingBlank = 0 }
        return writeLiteral(pendingBlank, into: out)
    }

    /// Writes a line break, first encoding a blank that would otherwise end the line.
    private mutating func hardBreak(into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if pendingBlank != 0 {
            o += writeEncoded(pendingBlank, into: out)
            pendingBlank = 0
        }
        o += writeLineEnding(into: out + o)
        column = 0
        return o
    }

    private mutating func writeLiteral(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if column + 1 > Self.maximumContent { o += softBreak(into: out) }
        if column == 0 && ((byte == UInt8(ascii: "F") && encodesFromLines) || (byte == UInt8(ascii: ".") && encodesDotLines)) {
            return o + writeEncoded(byte, into: out + o)
        }
        out[o] = byte
        column += 1
        return o + 1
    }

    private mutating func writeEncoded(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        if column + 3 > Self.maximumContent { o += softBreak(into: out) }
        out[o] = UInt8(ascii: "=")
        out[o + 1] = Self.hexDigit(byte >> 4)
        out[o + 2] = Self.hexDigit(byte & 15)
        column += 3
        return o + 3
    }

    private mutating func softBreak(into out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "=")
        column = 0
        return 1 + writeLineEnding(into: out + 1)
    }

    private func writeLineEnding(into out: UnsafeMutablePointer<UInt8>) -> Int {
        if lineEnding == .crlf {
            out[0] = 13
            out[1] = 10
            return 2
        }
        out[0] = 10
        return 1
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? 0x30 + nibble : 0x37 + nibble
    }

    /// Ends the stream: a held CR or final blank is encoded. No line break is added.
    public mutating func finish(into output: inout [UInt8]) {
        output.appendBytes(upTo: 16) { out in
            var o = 0
            if pendingCR {
                pendingCR = false
                o += flushBlankAsLiteral(into: out)
                o += writeEncoded(13, into: out + o)
            }
            if pendingBlank != 0 {
                o += writeEncoded(pendingBlank, into: out + o)
                pendingBlank = 0
            }
            return o
        }
        column = 0
    }

    /// Encodes a whole body at once.
    public static func encode(_ input: UnsafeRawBufferPointer, lineEnding: LineEnding = .crlf, isBinary: Bool = false,
                              encodesFromLines: Bool = false, encodesDotLines: Bool = false) -> [UInt8] {
        var encoder = QuotedPrintableEncoder(lineEnding: lineEnding, isBinary: isBinary,
                                             encodesFromLines: encodesFromLines, encodesDotLines: encodesDotLines)
        var output: [UInt8] = []
        encoder.encode(input, into: &output)
        encoder.finish(into: &output)
        return output
    }
}
