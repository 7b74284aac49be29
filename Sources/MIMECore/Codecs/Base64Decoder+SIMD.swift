extension Base64Decoder {
    /// The 16 characters at `source` as sextets: `value` holds the characters' 6-bit values and
    /// `offset` what was added to each character to get it, which is never 0 for a character in
    /// the alphabet and always 0 for one outside it (whose `value` lane is then garbage).
    ///
    /// Arithmetic on `SIMD16<UInt8>` in place of table lookups, written so every operation has
    /// an SSE2 (x86-64 baseline) or NEON instruction: no CPU-specific flags. SSE2 has no byte
    /// shuffle, so the classes are found by range compares, and few of them:
    /// - letters by one range, `A`–`Z`, after clearing bit 5 (0x20), which folds `a`–`z` onto
    ///   it and leaves every other byte outside it;
    /// - digits by a second range, `+` and `/` by two equalities;
    /// - a letter is lowercase if it is above `` ` `` (0x60), one more compare.
    ///
    /// The offsets double as the validity mask: testing them for zero lanes (`invalidLanes`)
    /// is one compare, where ORing the four class masks costs three ORs and a re-extension of
    /// the result that the compiler adds (it does not see that the masks are all ones or zeros).
    ///
    /// Only signed byte compares (`SIMD16<Int8>`, lowered to `pcmpgtb`/`pcmpeqb`) and bitwise
    /// operations on the resulting masks are used: `.==` and unsigned `.<` on
    /// `SIMD16<UInt8>`, like `any()`/`all()`, are not lowered to vector code and run per lane,
    /// ~100× slower (TOOLCHAIN.md).
    @inline(__always)
    static func sextets16(_ source: UnsafeRawPointer) -> (offset: SIMD16<UInt8>, value: SIMD16<UInt8>) {
        typealias Bytes = SIMD16<UInt8>
        let v = source.loadUnaligned(as: Bytes.self)
        // Lanes where `x - low`, as an unsigned byte, is below `n`: the same as a signed
        // compare after adding 128 to both sides. All ones where true.
        @inline(__always) func within(_ x: Bytes, _ low: UInt8, _ n: Int8) -> Bytes {
            let biased = unsafeBitCast(x &- Bytes(repeating: low) &+ Bytes(repeating: 128), to: SIMD16<Int8>.self)
            return unsafeBitCast(biased .< SIMD16<Int8>(repeating: n &+ Int8.min), to: Bytes.self)
        }
        let letter = within(v & Bytes(repeating: 0xDF), 65, 26)
        let digit = within(v, 48, 10), plus = within(v, 43, 1), slash = within(v, 47, 1)
        // Lanes above 0x60 and below 0x80: among letters, the lowercase ones.
        let signed = unsafeBitCast(v, to: SIMD16<Int8>.self)
        let high = unsafeBitCast(signed .> SIMD16<Int8>(repeating: 0x60), to: Bytes.self)
        // Each class's distance from its value: A–Z −65 (191), a–z −71 (191 + 250), 0–9 +4,
        // `+` +19, `/` +16.
        let letterOffset: Bytes = letter & ((high & Bytes(repeating: 250)) &+ Bytes(repeating: 191))
        let otherOffset: Bytes = (digit & Bytes(repeating: 4)) | (plus & Bytes(repeating: 19))
            | (slash & Bytes(repeating: 16))
        let offset = letterOffset | otherOffset
        return (offset, v &+ offset)
    }

    /// All ones in the lanes of an `offset` from `sextets16` that are 0: the characters outside
    /// the alphabet.
    @inline(__always)
    static func invalidLanes(_ offset: SIMD16<UInt8>) -> SIMD16<UInt8> {
        let biased = unsafeBitCast(offset &+ SIMD16(repeating: 128), to: SIMD16<Int8>.self)
        return unsafeBitCast(biased .== SIMD16<Int8>(repeating: Int8.min), to: SIMD16<UInt8>.self)
    }

    /// Whether a mask from `invalidLanes` (or several ORed) is all zeros.
    @inline(__always)
    static func noneInvalid(_ invalid: SIMD16<UInt8>) -> Bool {
        let halves = unsafeBitCast(invalid, to: SIMD2<UInt64>.self)
        return halves[0] | halves[1] == 0
    }

    /// Stores the 12 bytes that 16 sextets encode at `target`, writing 14: the last 2 are slack.
    @inline(__always)
    static func store12(_ value: SIMD16<UInt8>, _ target: UnsafeMutableRawPointer) {
        // Sextets to 12-bit pairs in 16-bit lanes, then to 24-bit quanta in 32-bit lanes.
        let pairs = unsafeBitCast(value, to: SIMD8<UInt16>.self)
        let high12: SIMD8<UInt16> = (pairs & SIMD8(repeating: 0x3F)) &<< SIMD8(repeating: 6)
        let twelve: SIMD8<UInt16> = high12 | pairs &>> SIMD8(repeating: 8)
        let quads = unsafeBitCast(twelve, to: SIMD4<UInt32>.self)
        let high24: SIMD4<UInt32> = (quads & SIMD4(repeating: 0xFFF)) &<< SIMD4(repeating: 12)
        let quanta = unsafeBitCast(high24 | quads &>> SIMD4(repeating: 16), to: SIMD2<UInt64>.self)
        // Two quanta per 64-bit half, first in the low 24 bits: moved to bits 40–63 and 16–39
        // and stored big-endian, 6 bytes kept of 8. The other 2 (bits 0–15: the first quantum's
        // top byte, unmasked) are overwritten by the next store or fall in the slack.
        let placed: SIMD2<UInt64> = quanta &<< 40 | quanta &>> 16
        target.storeBytes(of: placed[0].bigEndian, as: UInt64.self)
        target.storeBytes(of: placed[1].bigEndian, toByteOffset: 6, as: UInt64.self)
    }

    /// Decodes the 16 characters at `source` into 12 bytes at `target` (writing 14) if all 16
    /// are in the alphabet; returns false, with the output unspecified, if any is not.
    @inline(__always)
    static func decodeSIMD16(_ source: UnsafeRawPointer, _ target: UnsafeMutableRawPointer) -> Bool {
        let (offset, value) = sextets16(source)
        store12(value, target)
        return noneInvalid(invalidLanes(offset))
    }

    /// Decodes the `length` characters at `source`, a multiple of 16, into `length / 4 * 3`
    /// bytes at `target` (writing 2 more), if every one is in the alphabet; returns false, with
    /// the output unspecified, if any is not.
    ///
    /// The blocks are stored as they go and checked once, at the end: a line is nearly always
    /// clean.
    @inline(__always)
    static func decodeBlocksSIMD(_ source: UnsafeRawPointer, _ length: Int, _ target: UnsafeMutableRawPointer) -> Bool {
        var invalid = SIMD16<UInt8>()
        var k = 0
        var o = 0
        while k < length {
            let (offset, value) = sextets16(source + k)
            invalid |= invalidLanes(offset)
            store12(value, target + o)
            k &+= 16
            o &+= 12
        }
        return noneInvalid(invalid)
    }
}
