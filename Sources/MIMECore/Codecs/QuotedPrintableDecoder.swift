extension Defect.Kind {
    /// `=` not followed by two hex digits or a line break; the characters were kept literally.
    public static let qpInvalidEscape = Defect.Kind("qpInvalidEscape")
    /// `=xy` with lowercase hex digits, decoded anyway.
    public static let qpLowercaseHex = Defect.Kind("qpLowercaseHex")
    /// Blanks at the end of a line (or between a soft-break `=` and the line break) were removed.
    public static let qpTrailingWhiteSpace = Defect.Kind("qpTrailingWhiteSpace")
    /// A CR not followed by LF.
    public static let qpBareCR = Defect.Kind("qpBareCR")
    /// An encoded line longer than 76 characters (reported once per line).
    public static let qpLineTooLong = Defect.Kind("qpLineTooLong")
    /// A control character or 8-bit byte that should have been encoded (reported once per line).
    public static let qpUnencodedByte = Defect.Kind("qpUnencodedByte")
}

/// A streaming decoder for the quoted-printable content transfer encoding (RFC 2045 §6.7).
///
/// Feed chunks of any size with `decode(_:into:)`, then call `finish(into:)` once; any split
/// of the same bytes gives the same output and defects. Hard line breaks are kept as they were
/// written (CRLF or LF); soft line breaks (`=` CRLF or `=` LF) disappear. A `=` at the very end
/// of the input is a soft break whose line break was taken by the multipart delimiter
/// (RFC 2046 §5.1.1): it disappears too, without a defect.
///
/// **Deviations** (each tolerance is reported as a defect):
/// 1. Trailing blanks before a hard line break (or the end of input) are kept and reported
///    (`qpTrailingWhiteSpace`). Rule (3) of §6.7 says to delete them as transport padding; we
///    keep them because deleting is lossy and Python's `email` (binascii), GMime and MimeKit
///    keep them too, so decoded text agrees across tools. Blanks between a soft-break `=` and
///    its line break are removed, so the soft break still joins the lines.
/// 2. Lowercase hex digits are accepted (`qpLowercaseHex`), as §6.7 rule (1) recommends.
/// 3. A `=` not followed by two hex digits or a line break is kept literally with what
///    follows (`qpInvalidEscape`), as §6.7 rule (1) suggests for robustness.
/// 4. A bare CR is kept as data (`qpBareCR`); after a `=` it ends a soft break, as old
///    Macintosh line ends did.
/// 5. Lines longer than 76 characters (`qpLineTooLong`) and control or 8-bit bytes that
///    should have been encoded (`qpUnencodedByte`) are decoded as they are.
/// 6. More than 64 consecutive blanks are passed through as data, so the decoder's memory
///    stays bounded; such a run is no longer removed at a line end. (RFC 2045 lines hold at
///    most 76 characters, so a longer run of blanks is not transport padding.)
public struct QuotedPrintableDecoder: Sendable {
    /// What was tolerated so far, in input order.
    public internal(set) var defects: [Defect] = []
    /// The absolute offset of the next byte to be fed.
    public private(set) var offset: Int

    private enum State: Sendable {
        case text
        case carriageReturn
        case equals
        case hex(UInt8)
        case equalsCR
        case equalsBlank
        case equalsBlankCR
    }

    private var state = State.text
    /// Blanks held back until we know whether they end the line: how many, and a bit per
    /// blank that is set for HT (clear for SP), so no array is touched on the hot path.
    private var blankCount = 0
    private var blankTabs: UInt64 = 0
    private var blanksOffset = 0
    private var equalsOffset = 0
    private var crOffset = 0
    /// Characters on the current encoded line, and which once-per-line defects were reported.
    var column = 0
    var reportedUnencoded = false

    private static let blankLimit = 64

    /// Creates a decoder whose defects are reported relative to `baseOffset`.
    public init(baseOffset: Int = 0) {
        offset = baseOffset
    }

    /// Decodes `input`, appending the bytes to `output`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if input.isEmpty { return }
        output.appendBytes(upTo: input.count + blankCount + 16) { decode(input, writingTo: $0) }
    }

    /// Decodes into raw memory with room for `input.count` + 80 bytes; returns the count written.
    public mutating func decode(_ input: UnsafeRawBufferPointer, writingTo output: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = input.baseAddress else { return 0 }
        let count = input.count
        var i = 0
        var o = 0
        QPClass.table.withUnsafeBufferPointer { table in
            QPClass.upperHex.withUnsafeBufferPointer { hex in
                let t = table.baseAddress!
                while i < count {
                    if case .text = state, blankCount == 0 {
                        fastPath(source, count, &i, output, &o, t, hex.baseAddress!)
                        if i == count { break }
                    }
                    let byte = source.load(fromByteOffset: i, as: UInt8.self)
                    let kind = t[Int(byte)]
                    let position = offset + i
                    if kind != QPClass.cr && kind != QPClass.lf {
                        column += 1
                        if column == 77 { defects.append(Defect(.qpLineTooLong, at: position)) }
                    }
                    o += step(byte, kind, at: position, into: output + o)
                    i += 1
                }
            }
        }
        offset += count
        return o
    }

    /// Runs the state machine for one byte off the fast path; returns the bytes written.
    private mutating func step(_ byte: UInt8, _ kind: UInt8, at position: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var o = 0
        while true {
            switch state {
            case .text:
                switch kind {
                case QPClass.literal, QPClass.other:
                    if kind == QPClass.other && !reportedUnencoded {
                        defects.append(Defect(.qpUnencodedByte, at: position))
                        reportedUnencoded = true
                    }
                    o += flushBlanks(into: output + o)
                    output[o] = byte
                    return o + 1
                case QPClass.blank:
                    if blankCount == Self.blankLimit { o += flushBlanks(into: output + o) }
                    if blankCount == 0 { blanksOffset = position }
                    appendBlank(byte)
                    return o
                case QPClass.equals:
                    o += flushBlanks(into: output + o)
                    equalsOffset = position
                    state = .equals
                    return o
                case QPClass.cr:
                    crOffset = position
                    state = .carriageReturn
                    return o
                default:  // LF: a hard line break
                    o += keepTrailingBlanks(into: output + o)
                    output[o] = 10
                    startLine()
                    return o + 1
                }
            case .carriageReturn:
                state = .text
                if kind == QPClass.lf {
                    o += keepTrailingBlanks(into: output + o)
                    output[o] = 13
                    output[o + 1] = 10
                    startLine()
                    return o + 2
                }
                defects.append(Defect(.qpBareCR, at: crOffset))
                o += flushBlanks(into: output + o)
                output[o] = 13
                o += 1
            case .equals:
                if let digit = QPClass.hexValue(byte) {
                    if digit.isLowercase { defects.append(Defect(.qpLowercaseHex, at: position)) }
                    state = .hex(byte)
                    return o
                }
                switch kind {
                case QPClass.lf:
                    state = .text
                    startLine()
                    return o
                case QPClass.cr:
                    crOffset = position
                    state = .equalsCR
                    return o
                case QPClass.blank:
                    blanksOffset = position
                    appendBlank(byte)
                    state = .equalsBlank
                    return o
                default:
                    defects.append(Defect(.qpInvalidEscape, at: equalsOffset))
                    output[o] = UInt8(ascii: "=")
                    o += 1
                    state = .text
                }
            case .hex(let high):
                state = .text
                if let low = QPClass.hexValue(byte) {
                    if low.isLowercase { defects.append(Defect(.qpLowercaseHex, at: position)) }
                    output[o] = QPClass.hexValue(high)!.value << 4 | low.value
                    return o + 1
                }
                defects.append(Defect(.qpInvalidEscape, at: equalsOffset))
                output[o] = UInt8(ascii: "=")
                output[o + 1] = high
                o += 2
            case .equalsCR:
                state = .text
                startLine()
                if kind == QPClass.lf { return o }
                defects.append(Defect(.qpBareCR, at: crOffset))
            case .equalsBlank:
                switch kind {
                case QPClass.blank where blankCount < Self.blankLimit:
                    appendBlank(byte)
                    return o
                case QPClass.lf:
                    dropTrailingBlanks()
                    state = .text
                    startLine()
                    return o
                case QPClass.cr:
                    crOffset = position
                    state = .equalsBlankCR
                    return o
                default:
                    // Not a soft break after all: `=` and the blanks are data.
                    defects.append(Defect(.qpInvalidEscape, at: equalsOffset))
                    output[o] = UInt8(ascii: "=")
                    o += 1
                    state = .text
                }
            case .equalsBlankCR:
                dropTrailingBlanks()
                state = .text
                startLine()
                if kind == QPClass.lf { return o }
                defects.append(Defect(.qpBareCR, at: crOffset))
            }
        }
    }

    @inline(__always)
    private mutating func appendBlank(_ byte: UInt8) {
        if byte == 0x09 { blankTabs |= 1 << UInt64(blankCount) }
        blankCount += 1
    }

    private mutating func flushBlanks(into output: UnsafeMutablePointer<UInt8>) -> Int {
        let n = blankCount
        for k in 0..<n { output[k] = blankTabs >> UInt64(k) & 1 == 1 ? 0x09 : 0x20 }
        blankCount = 0
        blankTabs = 0
        return n
    }

    /// Blanks before a hard line break: kept, and reported.
    private mutating func keepTrailingBlanks(into output: UnsafeMutablePointer<UInt8>) -> Int {
        if blankCount > 0 { defects.append(Defect(.qpTrailingWhiteSpace, at: blanksOffset, severity: .notice)) }
        return flushBlanks(into: output)
    }

    /// Blanks between a soft-break `=` and its line break: dropped, and reported.
    private mutating func dropTrailingBlanks() {
        if blankCount == 0 { return }
        defects.append(Defect(.qpTrailingWhiteSpace, at: blanksOffset))
        blankCount = 0
        blankTabs = 0
    }

    mutating func startLine() {
        column = 0
        reportedUnencoded = false
    }

    /// Ends the stream, resolving a pending escape, CR or trailing blanks.
    public mutating func finish(into output: inout [UInt8]) {
        output.appendBytes(upTo: blankCount + 2) { out in
            var o = 0
            switch state {
            case .text:
                o = keepTrailingBlanks(into: out)
            case .carriageReturn:
                defects.append(Defect(.qpBareCR, at: crOffset))
                o = flushBlanks(into: out)
                out[o] = 13
                o += 1
            case .equals:
                break  // a soft break whose line break became the delimiter's
            case .hex(let high):
                defects.append(Defect(.qpInvalidEscape, at: equalsOffset))
                out[0] = UInt8(ascii: "=")
                out[1] = high
                o = 2
            case .equalsCR:
                defects.append(Defect(.qpBareCR, at: crOffset))
            case .equalsBlank:
                dropTrailingBlanks()
            case .equalsBlankCR:
                dropTrailingBlanks()
                defects.append(Defect(.qpBareCR, at: crOffset))
            }
            return o
        }
        state = .text
        blankCount = 0
        blankTabs = 0
        startLine()
    }

    /// Decodes a whole quoted-printable body at once.
    public static func decode(_ input: UnsafeRawBufferPointer, baseOffset: Int = 0) -> (bytes: [UInt8], defects: [Defect]) {
        var decoder = QuotedPrintableDecoder(baseOffset: baseOffset)
        var output: [UInt8] = []
        output.reserveCapacity(input.count + 8)
        decoder.decode(input, into: &output)
        decoder.finish(into: &output)
        return (output, decoder.defects)
    }
}
