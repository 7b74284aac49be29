/// Hand-written UTF-8 and Latin-1 loops shared by `BasicTranscoder` and the ICU-backed
/// transcoder in MIMECharsets: UTF-8 validation with repair, ASCII scans, ISO-8859-1.
public enum TextBytes {
    /// What `appendRepairingUTF8` found.
    public struct UTF8Scan: Sendable, Hashable {
        /// Ill-formed subsequences, each replaced by one U+FFFD.
        public var invalidSequences: Int
        /// Well-formed sequences of two to four bytes (evidence that the text really is UTF-8).
        public var multibyteSequences: Int
    }

    /// The offset of the first byte ≥ 0x80, or `input.count`. Checks 8 bytes at a time.
    public static func firstNonASCII(_ input: UnsafeRawBufferPointer) -> Int {
        guard let base = input.baseAddress else { return 0 }
        let count = input.count
        var i = 0
        while i + 8 <= count {
            if base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { break }
            i += 8
        }
        while i < count && base.load(fromByteOffset: i, as: UInt8.self) < 0x80 { i += 1 }
        return i
    }

    /// The number of bytes ≥ 0x80 in `input` (an 8-bit byte becomes at most three UTF-8 bytes).
    /// Counts 16 bytes a step with SIMD compares, which the baseline x86-64 and arm64
    /// instruction sets have (no CPU-specific flags). `SingleByteTable` no longer sizes its
    /// output with it: a second pass over a large text cost more than blocks with worst-case room.
    package static func nonASCIICount(_ input: UnsafeRawBufferPointer) -> Int {
        guard let base = input.baseAddress else { return 0 }
        let count = input.count
        var total = 0
        var i = 0
        while i + 16 <= count {
            // Each byte lane counts at most 255 bytes before the lanes are summed.
            let stop = min(count - 16, i + 16 * 254)
            var lanes = SIMD16<UInt8>()
            // Compared with a vector, not the scalar 0: that overload is not lowered to one
            // vector compare and runs 100 times slower.
            let zero = SIMD16<Int8>(repeating: 0)
            while i <= stop {
                let bytes = base.loadUnaligned(fromByteOffset: i, as: SIMD16<Int8>.self)
                // A true lane of the mask is all ones (-1): subtracting it adds one.
                lanes &-= unsafeBitCast(bytes .< zero, to: SIMD16<UInt8>.self)
                i &+= 16
            }
            let halves = unsafeBitCast(lanes, to: SIMD2<UInt64>.self)
            total &+= laneSum(halves[0]) &+ laneSum(halves[1])
        }
        while i < count {
            if base.load(fromByteOffset: i, as: UInt8.self) >= 0x80 { total &+= 1 }
            i &+= 1
        }
        return total
    }

    /// The sum of the eight byte lanes of `lanes`.
    @inline(__always)
    private static func laneSum(_ lanes: UInt64) -> Int {
        // Pairs of lanes into 16-bit lanes (up to 510 each), then their sum in the top 16 bits.
        let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ (lanes >> 8 & 0x00FF_00FF_00FF_00FF)
        return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
    }

    /// Whether `input` is well-formed UTF-8 (the rules of `appendRepairingUTF8`), without
    /// writing anything: ASCII is skipped 16 bytes at a time, two-byte sequences (Latin letters)
    /// have a short path.
    package static func isValidUTF8(_ input: UnsafeRawBufferPointer) -> Bool {
        guard let base = input.baseAddress else { return true }
        let count = input.count
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func byte(_ k: Int) -> UInt8 { base.load(fromByteOffset: k, as: UInt8.self) }
        var i = 0
        while i < count {
            if i + 16 <= count {
                let a = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let b = base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                if (a | b) & highs == 0 {
                    i &+= 16
                    continue
                }
                i &+= a & highs != 0 ? (a & highs).trailingZeroBitCount >> 3 : 8 &+ (b & highs).trailingZeroBitCount >> 3
            } else if byte(i) < 0x80 {
                i &+= 1
                continue
            }
            let lead = byte(i)
            if lead >= 0xC2 && lead <= 0xDF {
                guard i + 1 < count, byte(i + 1) & 0xC0 == 0x80 else { return false }
                i &+= 2
                continue
            }
            // The allowed range of the second byte depends on the lead (Unicode Table 3-7).
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            let length: Int
            switch lead {
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= count, byte(i + 1) >= low, byte(i + 1) <= high, byte(i + 2) & 0xC0 == 0x80,
                  length == 3 || byte(i + 3) & 0xC0 == 0x80 else { return false }
            i &+= length
        }
        return true
    }

    /// Validates UTF-8 (RFC 3629 §4; Unicode §3.9 D92) and appends it to `output`, replacing each
    /// maximal ill-formed subpart with U+FFFD as Unicode §3.9.6 recommends (the same as
    /// WHATWG and Swift's `String(decoding:as:)`). Surrogates, overlongs and code points above
    /// U+10FFFF are ill-formed.
    public static func appendRepairingUTF8(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) -> UTF8Scan {
        var scan = UTF8Scan(invalidSequences: 0, multibyteSequences: 0)
        guard let source = input.baseAddress else { return scan }
        let count = input.count
        // Each invalid byte becomes at most 3 bytes; 8 bytes of slack for the word stores.
        output.appendBytes(upTo: count * 3 + 8) { out in
            var i = 0
            var o = 0
            while i < count {
                if i + 8 <= count {
                    // Copy 8 bytes, keep the ASCII ones before the first 8-bit byte (the
                    // output has slack for the rest).
                    let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    UnsafeMutableRawPointer(out + o).storeBytes(of: word, as: UInt64.self)
                    let ascii = (word & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
                    i += ascii
                    o += ascii
                    if ascii == 8 { continue }
                }
                let lead = source.load(fromByteOffset: i, as: UInt8.self)
                if lead < 0x80 {
                    out[o] = lead
                    i += 1
                    o += 1
                    continue
                }
                // The allowed range of the second byte depends on the lead (Unicode Table 3-7).
                let length: Int
                var low: UInt8 = 0x80
                var high: UInt8 = 0xBF
                switch lead {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; low = 0xA0
                case 0xE1...0xEC, 0xEE, 0xEF: length = 3
                case 0xED: length = 3; high = 0x9F
                case 0xF0: length = 4; low = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; high = 0x8F
                default: length = 0
                }
                var valid = 0  // bytes of the sequence that are well formed so far
                if length > 0 {
                    valid = 1
                    while valid < length && i + valid < count {
                        let byte = source.load(fromByteOffset: i + valid, as: UInt8.self)
                        let (min, max) = valid == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                        if byte < min || byte > max { break }
                        valid += 1
                    }
                }
                if valid == length && length > 0 {
                    for k in 0..<length { out[o + k] = source.load(fromByteOffset: i + k, as: UInt8.self) }
                    o += length
                    i += length
                    scan.multibyteSequences += 1
                } else {
                    out[o] = 0xEF
                    out[o + 1] = 0xBF
                    out[o + 2] = 0xBD
                    o += 3
                    i += max(valid, 1)
                    scan.invalidSequences += 1
                }
            }
            return o
        }
        return scan
    }

    /// Appends ISO-8859-1 as UTF-8: each byte is the code point of the same value.
    public static func appendLatin1(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        guard let source = input.baseAddress else { return }
        let count = input.count
        output.appendBytes(upTo: count * 2 + 8) { out in
            var i = 0
            var o = 0
            while i < count {
                if i + 8 <= count {
                    let word = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    UnsafeMutableRawPointer(out + o).storeBytes(of: word, as: UInt64.self)
                    let ascii = (word & 0x8080_8080_8080_8080).trailingZeroBitCount >> 3
                    i += ascii
                    o += ascii
                    if ascii == 8 { continue }
                }
                let byte = source.load(fromByteOffset: i, as: UInt8.self)
                if byte < 0x80 {
                    out[o] = byte
                    o += 1
                } else {
                    out[o] = 0xC0 | byte >> 6
                    out[o + 1] = 0x80 | byte & 0x3F
                    o += 2
                }
                i += 1
            }
            return o
        }
    }
}
