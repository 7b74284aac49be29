extension Defect.Kind {
    /// Text before the `begin` line was skipped (reported once).
    public static let uuencodeTextBeforeBegin = Defect.Kind("uuencodeTextBeforeBegin")
    /// No `begin mode name` line: nothing was decoded.
    public static let uuencodeMissingBegin = Defect.Kind("uuencodeMissingBegin")
    /// The data ended without the zero-length line and `end`.
    public static let uuencodeMissingEnd = Defect.Kind("uuencodeMissingEnd")
    /// A data line had fewer or more characters than its length character announces.
    public static let uuencodeLineLength = Defect.Kind("uuencodeLineLength")
    /// A data line held characters outside `` ` `` and SP…`_`; their low six bits were used.
    public static let uuencodeInvalidCharacter = Defect.Kind("uuencodeInvalidCharacter")
    /// A line longer than the decoder buffers (1,024 bytes) was cut.
    public static let uuencodeLineTooLong = Defect.Kind("uuencodeLineTooLong")
    /// Text after the `end` line was ignored (reported once).
    public static let uuencodeTextAfterEnd = Defect.Kind("uuencodeTextAfterEnd")
}

/// A streaming decoder for uuencoded data, the `x-uuencode` transfer encoding that some
/// mailers still write (POSIX.1-2017 `uuencode`, "Encoded Data Format").
///
/// The format: a `begin <mode> <name>` line; data lines whose first character gives the byte
/// count (`count + 0x20`) followed by groups of four characters, each carrying six bits as
/// `value + 0x20` (`` ` `` for zero); a line of count zero; and `end`. Lines may end in LF or
/// CRLF. Feed chunks of any size, then `finish(into:)`; chunking never changes the result.
///
/// **Deviations** (each tolerance is reported as a defect):
/// 1. Lines before `begin` are skipped (`uuencodeTextBeforeBegin`), so a body with a
///    preamble still decodes; without any `begin` nothing is decoded (`uuencodeMissingBegin`).
/// 2. Short data lines are padded with zero bits (`uuencodeLineLength`): transports strip
///    trailing spaces, and a space is a zero. Extra characters (some encoders append a
///    checksum character) are ignored with the same defect. An empty line counts as the
///    zero-length line for the same reason.
/// 3. Characters outside `` ` `` and SP…`_` use their low six bits (`uuencodeInvalidCharacter`).
/// 4. A missing `end` (or zero-length line) keeps what was decoded (`uuencodeMissingEnd`);
///    text after `end` is ignored (`uuencodeTextAfterEnd`).
public struct UUDecoder: Sendable {
    /// What was tolerated so far, in input order.
    public private(set) var defects: [Defect] = []
    /// The absolute offset of the next byte to be fed.
    public private(set) var offset: Int
    /// The file mode from the `begin` line, as written (octal digits), once seen.
    public private(set) var mode: [UInt8]?
    /// The file name from the `begin` line, as written, once seen.
    public private(set) var fileName: [UInt8]?

    private enum Phase: Sendable { case preamble, data, awaitingEnd, done }
    private var phase = Phase.preamble
    private var line: [UInt8] = []
    private var lineOffset: Int
    private var lineOverflowed = false
    private var reportedPreamble = false
    private var reportedTrailer = false

    private static let lineLimit = 1_024

    /// Creates a decoder whose defects are reported relative to `baseOffset`.
    public init(baseOffset: Int = 0) {
        offset = baseOffset
        lineOffset = baseOffset
    }

    /// Decodes `input`, appending the bytes to `output`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        for (i, byte) in input.enumerated() {
            if byte == 10 {
                endLine(into: &output)
                lineOffset = offset + i + 1
            } else if line.count < Self.lineLimit {
                line.append(byte)
            } else {
                lineOverflowed = true
            }
        }
        offset += input.count
    }

    /// Ends the stream: decodes an unterminated last line and reports a missing `begin` or `end`.
    public mutating func finish(into output: inout [UInt8]) {
        if !line.isEmpty || lineOverflowed { endLine(into: &output) }
        switch phase {
        case .preamble: defects.append(Defect(.uuencodeMissingBegin, at: offset))
        case .data, .awaitingEnd: defects.append(Defect(.uuencodeMissingEnd, at: offset))
        case .done: break
        }
        phase = .preamble
        lineOffset = offset
    }

    private mutating func endLine(into output: inout [UInt8]) {
        defer {
            line.removeAll(keepingCapacity: true)
            lineOverflowed = false
        }
        if lineOverflowed { defects.append(Defect(.uuencodeLineTooLong, at: lineOffset + Self.lineLimit)) }
        if line.last == 13 { line.removeLast() }
        switch phase {
        case .preamble:
            if parseBegin() {
                phase = .data
            } else if !line.isEmpty && !reportedPreamble {
                defects.append(Defect(.uuencodeTextBeforeBegin, at: lineOffset))
                reportedPreamble = true
            }
        case .data:
            if isEnd {
                defects.append(Defect(.uuencodeMissingEnd, at: lineOffset))
                phase = .done
            } else if line.isEmpty {
                defects.append(Defect(.uuencodeLineLength, at: lineOffset, severity: .notice))
                phase = .awaitingEnd
            } else {
                decodeDataLine(into: &output)
            }
        case .awaitingEnd:
            if !isEnd { defects.append(Defect(.uuencodeMissingEnd, at: lineOffset)) }
            phase = .done
        case .done:
            if !line.isEmpty && !reportedTrailer {
                defects.append(Defect(.uuencodeTextAfterEnd, at: lineOffset, severity: .notice))
                reportedTrailer = true
            }
        }
    }

    /// `end`, allowing trailing blanks.
    private var isEnd: Bool {
        var n = line.count
        while n > 0 && (line[n - 1] == 0x20 || line[n - 1] == 0x09) { n -= 1 }
        return n == 3 && line[0] == UInt8(ascii: "e") && line[1] == UInt8(ascii: "n") && line[2] == UInt8(ascii: "d")
    }

    /// Recognises `begin <mode> <name>` and records mode and name.
    private mutating func parseBegin() -> Bool {
        let prefix = Array("begin ".utf8)
        guard line.count > prefix.count, line.starts(with: prefix) else { return false }
        var rest = line[prefix.count...].drop { $0 == 0x20 }
        let modeBytes = rest.prefix { $0 >= 0x30 && $0 <= 0x37 }
        guard !modeBytes.isEmpty else { return false }
        rest = rest.dropFirst(modeBytes.count).drop { $0 == 0x20 }
        mode = Array(modeBytes)
        fileName = Array(rest)
        return true
    }

    private mutating func decodeDataLine(into output: inout [UInt8]) {
        let count = Int((line[0] &- 0x20) & 0x3F)
        if count == 0 {
            phase = .awaitingEnd
            return
        }
        let needed = (count + 2) / 3 * 4
        let available = line.count - 1
        if available != needed {
            defects.append(Defect(.uuencodeLineLength, at: lineOffset, severity: .notice))
        }
        var invalid = false
        @inline(__always) func sextet(_ k: Int) -> UInt32 {
            guard k <= available else { return 0 }
            let c = line[k]
            if c < 0x20 || c > 0x60 { invalid = true }
            return UInt32((c &- 0x20) & 0x3F)
        }
        var written = 0
        var k = 1
        while written < count {
            let group = sextet(k) << 18 | sextet(k + 1) << 12 | sextet(k + 2) << 6 | sextet(k + 3)
            for shift in [16, 8, 0] where written < count {
                output.append(UInt8(truncatingIfNeeded: group >> UInt32(shift)))
                written += 1
            }
            k += 4
        }
        if invalid { defects.append(Defect(.uuencodeInvalidCharacter, at: lineOffset)) }
    }

    /// Decodes a whole uuencoded body at once.
    public static func decode(_ input: UnsafeRawBufferPointer, baseOffset: Int = 0) -> (bytes: [UInt8], defects: [Defect]) {
        var decoder = UUDecoder(baseOffset: baseOffset)
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 3 / 4)
        decoder.decode(input, into: &output)
        decoder.finish(into: &output)
        return (output, decoder.defects)
    }
}
