extension Base64Decoder {
    /// Decodes the 16 characters at `source` into 12 bytes at `target` (writing 14: the last
    /// 2 are slack) if all 16 are in the alphabet; returns false, with the output unspecified,
    /// if any is not.
    ///
    /// Arithmetic on `SIMD16<UInt8>` in place of table lookups, written so every operation has
    /// an SSE2 (x86-64 baseline) or NEON instruction: no CPU-specific flags. It is no faster
    /// than the table step on its own (SSE2 has no byte shuffle, so classifying takes ~30
    /// vector operations), but it uses the vector units while the table step uses the load
    /// ports, so the fast path alternates them and the CPU runs both at once.
    ///
    /// Only signed byte compares (`SIMD16<Int8>`, lowered to `pcmpgtb`) and bitwise operations
    /// on the resulting masks are used: `.==` and unsigned `.<` on `SIMD16<UInt8>`, like
    /// `any()`/`all()`, are not lowered to vector code and run per lane, ~100× slower
    /// (TOOLCHAIN.md).
    @inline(__always)
    static func decodeSIMD16(_ source: UnsafeRawPointer, _ target: UnsafeMutableRawPointer) -> Bool {
        typealias Bytes = SIMD16<UInt8>
        let v = source.loadUnaligned(as: Bytes.self)
        // Lanes where `v - low`, as an unsigned byte, is below `n`: the same as a signed
        // compare after adding 128 to both sides. All ones where true.
        @inline(__always) func within(_ low: UInt8, _ n: Int8) -> Bytes {
            let biased = unsafeBitCast(v &- Bytes(repeating: low) &+ Bytes(repeating: 128), to: SIMD16<Int8>.self)
            return unsafeBitCast(biased .< SIMD16<Int8>(repeating: n &+ Int8.min), to: Bytes.self)
        }
        let upper = within(65, 26), lower = within(97, 26), digit = within(48, 10)
        let plus = within(43, 1), slash = within(47, 1)
        let valid: Bytes = upper | lower | digit | plus | slash
        let halves = unsafeBitCast(valid, to: SIMD2<UInt64>.self)
        if halves[0] & halves[1] != ~0 { return false }
        // Each class's distance from its value: A–Z −65, a–z −71, 0–9 +4, `+` +19, `/` +16.
        let offsetA: Bytes = (upper & Bytes(repeating: 191)) | (lower & Bytes(repeating: 185))
        let offsetB: Bytes = (digit & Bytes(repeating: 4)) | (plus & Bytes(repeating: 19)) | (slash & Bytes(repeating: 16))
        let value: Bytes = v &+ (offsetA | offsetB)
        // Sextets to 12-bit pairs in 16-bit lanes, then to 24-bit quanta in 32-bit lanes.
        let pairs = unsafeBitCast(value, to: SIMD8<UInt16>.self)
        let high12: SIMD8<UInt16> = (pairs & SIMD8(repeating: 0x3F)) &<< SIMD8(repeating: 6)
        let twelve: SIMD8<UInt16> = high12 | pairs &>> SIMD8(repeating: 8)
        let quads = unsafeBitCast(twelve, to: SIMD4<UInt32>.self)
        let high24: SIMD4<UInt32> = (quads & SIMD4(repeating: 0xFFF)) &<< SIMD4(repeating: 12)
        let quanta = unsafeBitCast(high24 | quads &>> SIMD4(repeating: 16), to: SIMD2<UInt64>.self)
        // Two quanta per 64-bit half, first in the low 24 bits: moved to bits 40–63 and 16–39
        // and stored big-endian, 6 bytes kept of 8.
        @inline(__always) func sixBytes(_ x: UInt64) -> UInt64 {
            (x &<< 40 | (x &>> 16) & 0xFF_FFFF_0000).bigEndian
        }
        target.storeBytes(of: sixBytes(quanta[0]), as: UInt64.self)
        target.storeBytes(of: sixBytes(quanta[1]), toByteOffset: 6, as: UInt64.self)
        return true
    }
}
