extension Defect.Kind {
    /// `=` not followed by two hex digits or a line break; the characters were kept literally.
    public static let qpInvalidEscape = Defect.Kind("qp-invalid-escape")
    /// `=xy` with lowercase hex digits, decoded anyway.
    public static let qpLowercaseHex = Defect.Kind("qp-lowercase-hex")
    /// Blanks at the end of a line (or between a soft-break `=` and the line break) were removed.
    public static let qpTrailingWhiteSpace = Defect.Kind("qp-trailing-whitespace")
    /// A CR not followed by LF.
    public static let qpBareCR = Defect.Kind("qp-bare-cr")
    /// An encoded line longer than 76 characters (reported once per line).
    public static let qpLineTooLong = Defect.Kind("qp-line-too-long")
    /// A control character or 8-bit byte that should have been encoded (reported once per line).
    public static let qpUnencodedByte = Defect.Kind("qp-unencoded-byte")
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
/// 1. Trailing blanks are removed from every line, as rule (3) of §6.7 asks, including the
///    last line of the input, and reported (`qp-trailing-whitespace`): they were added in
///    transport or by a careless encoder. Blanks between a soft-break `=` and its line
///    break are removed the same way, so the soft break still joins the lines.
/// 2. Lowercase hex digits are accepted (`qp-lowercase-hex`), as §6.7 rule (1) recommends.
/// 3. A `=` not followed by two hex digits or a line break is kept literally with what
///    follows (`qp-invalid-escape`), as §6.7 rule (1) suggests for robustness.
/// 4. A bare CR is kept as data (`qp-bare-cr`); after a `=` it ends a soft break, as old
///    Macintosh line ends did.
/// 5. Lines longer than 76 characters (`qp-line-too-long`) and control or 8-bit bytes that
///    should have been encoded (`qp-unencoded-byte`) are decoded as they are.
/// 6. More than 64 consecutive blanks are passed through as data, so the decoder's memory
///    stays bounded; such a run is no longer removed at a line end. (RFC 2045 lines hold at
///    most 76 characters, so a longer run of blanks is not transport padding.)
public struct QuotedPrintableDecoder: Sendable {
    /// What was tolerated so far, in input order.
    public private(set) var defects: [Defect] = []
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
    private var column = 0
    private var reportedUnencoded = false

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
            let t = table.baseAddress!
            while i < count {
                if case .text = state, blankCount == 0 {
                    fastPath(source, count, &i, output, &o, t)
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
        offset += count
        return o
    }

    /// The common cases without the state machine: runs of printable characters and blanks
    /// (8 bytes at a time), `=XY` with uppercase hex, soft breaks and CRLF / LF line breaks,
    /// as long as they lie inside this chunk. Stops at anything else, leaving it to `step`.
    @inline(__always)
    private mutating func fastPath(_ source: UnsafeRawPointer, _ count: Int, _ i: inout Int,
                                   _ output: UnsafeMutablePointer<UInt8>, _ o: inout Int, _ t: UnsafePointer<UInt8>) {
        @inline(__always) func byte(_ k: Int) -> UInt8 { source.load(fromByteOffset: k, as: UInt8.self) }
        while true {
            let start = i
            // Copy 8 bytes at a time; the mask finds the first byte that needs thought, and
            // only the bytes before it are kept.
            var stopped = false
            while i + 8 <= count {
                let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                UnsafeMutableRawPointer(output + o).storeBytes(of: word, as: UInt64.self)
                let mask = QPClass.thoughtMask(word)
                if mask == 0 {
                    i += 8
                    o += 8
                    continue
                }
                let k = mask.trailingZeroBitCount >> 3
                i += k
                o += k
                stopped = true
                break
            }
            while !stopped && i < count {
                let b = byte(i)
                let kind = t[Int(b)]
                if kind != QPClass.literal && kind != QPClass.blank { break }
                output[o] = b
                o += 1
                i += 1
            }
            // Blanks before a line break, a tab (which stops the 8-byte scan) or the end of the
            // chunk may be trailing: give them back to the state machine.
            if i == count || t[Int(byte(i))] == QPClass.cr || t[Int(byte(i))] == QPClass.lf || byte(i) == 0x09 {
                while i > start && t[Int(byte(i - 1))] == QPClass.blank {
                    i -= 1
                    o -= 1
                }
            }
            if i > start { advanceColumn(i - start, at: start) }
            guard i < count, i == start || t[Int(byte(i - 1))] != QPClass.blank else { return }
            let b = byte(i)
            if b == UInt8(ascii: "=") && i + 2 < count {
                let high = QPClass.upperHex[Int(byte(i + 1))]
                let low = QPClass.upperHex[Int(byte(i + 2))]
                if high | low < 16 {
                    output[o] = high << 4 | low
                    o += 1
                    advanceColumn(3, at: i)
                    i += 3
                    continue
                }
                if byte(i + 1) == 13 && byte(i + 2) == 10 {
                    advanceColumn(1, at: i)
                    startLine()
                    i += 3
                    continue
                }
            }
            if b == UInt8(ascii: "=") && i + 1 < count && byte(i + 1) == 10 {
                advanceColumn(1, at: i)
                startLine()
                i += 2
                continue
            }
            if b == 13 && i + 1 < count && byte(i + 1) == 10 {
                output[o] = 13
                output[o + 1] = 10
                o += 2
                startLine()
                i += 2
                continue
            }
            if b == 10 {
                output[o] = 10
                o += 1
                startLine()
                i += 1
                continue
            }
            return
        }
    }

    @inline(__always)
    private mutating func advanceColumn(_ n: Int, at position: Int) {
        if column <= 76 && column + n > 76 {
            defects.append(Defect(.qpLineTooLong, at: offset + position + (76 - column)))
        }
        column += n
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
                    dropTrailingBlanks()
                    output[o] = 10
                    startLine()
                    return o + 1
                }
            case .carriageReturn:
                state = .text
                if kind == QPClass.lf {
                    dropTrailingBlanks()
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

    private mutating func dropTrailingBlanks() {
        if blankCount == 0 { return }
        defects.append(Defect(.qpTrailingWhiteSpace, at: blanksOffset))
        blankCount = 0
        blankTabs = 0
    }

    private mutating func startLine() {
        column = 0
        reportedUnencoded = false
    }

    /// Ends the stream, resolving a pending escape, CR or trailing blanks.
    public mutating func finish(into output: inout [UInt8]) {
        output.appendBytes(upTo: blankCount + 2) { out in
            var o = 0
            switch state {
            case .text:
                dropTrailingBlanks()
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

/// Byte classes for quoted-printable (RFC 2045 §6.7).
enum QPClass {
    /// Printable ASCII other than `=`: rule (2), literal representation.
    static let literal: UInt8 = 0
    static let equals: UInt8 = 1
    /// SP and HT: rule (3).
    static let blank: UInt8 = 2
    static let cr: UInt8 = 3
    static let lf: UInt8 = 4
    /// Controls, DEL and 8-bit bytes: should have been encoded.
    static let other: UInt8 = 5

    /// A mask with the high bit set in the first byte of 8 (little-endian, so the lowest
    /// flagged byte) that is `=`, a control (HT included), DEL or 8-bit. Bytes above the first
    /// flagged one may be flagged wrongly by borrows, so only the lowest flag counts
    /// ("has zero byte", Hacker's Delight §6-1).
    @inline(__always)
    static func thoughtMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let belowSpace = (word &- ones &* 0x20) & ~word
        let equals = word ^ (ones &* 0x3D)
        let isEquals = (equals &- ones) & ~equals
        let del = word ^ (ones &* 0x7F)
        let isDel = (del &- ones) & ~del
        return (word | belowSpace | isEquals | isDel) & highs
    }

    /// Uppercase hex digit values; 0xFF for every other byte.
    static let upperHex: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x30...0x39: return UInt8(byte - 0x30)
        case 0x41...0x46: return UInt8(byte - 0x37)
        default: return 0xFF
        }
    }

    static let table: [UInt8] = (0..<256).map { byte -> UInt8 in
        switch byte {
        case 0x3D: return equals
        case 0x20, 0x09: return blank
        case 0x0D: return cr
        case 0x0A: return lf
        case 0x21...0x7E: return literal
        default: return other
        }
    }

    /// The value of a hex digit and whether it was lowercase.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> (value: UInt8, isLowercase: Bool)? {
        switch byte {
        case 0x30...0x39: return (byte - 0x30, false)
        case 0x41...0x46: return (byte - 0x37, false)
        case 0x61...0x66: return (byte - 0x57, true)
        default: return nil
        }
    }
}
