extension QuotedPrintableDecoder {
    /// The common cases without the state machine: runs of printable characters and blanks
    /// (8 bytes at a time), `=XY` with uppercase hex, soft breaks and CRLF / LF line breaks,
    /// as long as they lie inside this chunk. Stops at anything else, leaving it to `step`.
    /// Entered in state `.text` with no blanks held back.
    ///
    /// Line lengths are kept as the offset where the encoded line started, and checked once per
    /// line (at its end, or when the fast path stops), so `qpLineTooLong` lands where the state
    /// machine would put it: this path reports no other defect, so order is kept.
    @inline(__always)
    mutating func fastPath(_ source: UnsafeRawPointer, _ count: Int, _ i: inout Int,
                           _ output: UnsafeMutablePointer<UInt8>, _ o: inout Int,
                           _ t: UnsafePointer<UInt8>, _ hex: UnsafePointer<UInt8>) {
        @inline(__always) func byte(_ k: Int) -> UInt8 { source.load(fromByteOffset: k, as: UInt8.self) }
        let target = UnsafeMutableRawPointer(output)
        var lineStart = i - column
        var reportedLong = column > 76
        // Reports `qpLineTooLong` once per line, at the 77th character, if `end` is past it.
        @inline(__always) func checkLength(upTo end: Int) {
            if !reportedLong && end - lineStart > 76 {
                defects.append(Defect(.qpLineTooLong, at: offset + lineStart + 76))
                reportedLong = true
            }
        }
        @inline(__always) func newLine(at start: Int) {
            lineStart = start
            reportedLong = false
            reportedUnencoded = false
        }
        while true {
            // A run of literal characters and blanks, copied 8 bytes at a time: the mask finds the
            // first byte that needs thought, and only the bytes before it are kept.
            let runStart = i
            var stopped = false
            while i &+ 8 <= count {
                let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                target.storeBytes(of: word, toByteOffset: o, as: UInt64.self)
                let mask = QPClass.thoughtMask(word)
                if mask == 0 {
                    i &+= 8
                    o &+= 8
                    continue
                }
                let k = mask.trailingZeroBitCount >> 3
                i &+= k
                o &+= k
                stopped = true
                break
            }
            if !stopped {
                while i < count {
                    let b = byte(i)
                    let kind = t[Int(b)]
                    if kind != QPClass.literal && kind != QPClass.blank { break }
                    output[o] = b
                    o += 1
                    i += 1
                }
            }
            if i < count {
                let b = byte(i)
                if b == UInt8(ascii: "=") {
                    if i &+ 2 < count {
                        var high = hex[Int(byte(i &+ 1))]
                        var low = hex[Int(byte(i &+ 2))]
                        if high | low < 16 {
                            // Escapes come in runs (the bytes of one UTF-8 character): decode the
                            // run here rather than through the scan above.
                            repeat {
                                output[o] = high << 4 | low
                                o &+= 1
                                i &+= 3
                                guard i &+ 2 < count, byte(i) == UInt8(ascii: "=") else { break }
                                high = hex[Int(byte(i &+ 1))]
                                low = hex[Int(byte(i &+ 2))]
                            } while high | low < 16
                            continue
                        }
                        if byte(i + 1) == 13 && byte(i + 2) == 10 {
                            checkLength(upTo: i + 1)  // the `=` is on the line
                            i += 3
                            newLine(at: i)
                            continue
                        }
                    }
                    if i + 1 < count && byte(i + 1) == 10 {
                        checkLength(upTo: i + 1)
                        i += 2
                        newLine(at: i)
                        continue
                    }
                    break
                }
                // Blanks right before a line break or a tab may be trailing: they go back to the
                // state machine (below), which reports them.
                let blankBefore = i > runStart && t[Int(byte(i - 1))] == QPClass.blank
                if b == 13 && !blankBefore && i + 1 < count && byte(i + 1) == 10 {
                    checkLength(upTo: i)
                    output[o] = 13
                    output[o + 1] = 10
                    o += 2
                    i += 2
                    newLine(at: i)
                    continue
                }
                if b == 10 && !blankBefore {
                    checkLength(upTo: i)
                    output[o] = 10
                    o += 1
                    i += 1
                    newLine(at: i)
                    continue
                }
                if b != 13 && b != 10 && b != 0x09 { break }
            }
            // At a line break, a tab or the end of the chunk: give back the blanks before it.
            while i > runStart && t[Int(byte(i - 1))] == QPClass.blank {
                i -= 1
                o -= 1
            }
            break
        }
        checkLength(upTo: i)
        column = i - lineStart
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
