/// Byte search primitives for the hot loops, in portable Swift (no libc): 32-byte SIMD compares
/// with the mask bit-cast to an integer (TOOLCHAIN.md: `any()` on SIMD masks is ~100x slower).
@usableFromInline
enum ByteScan {
    /// The index of the first `byte` in `buffer[from..<to]`, or nil.
    @inlinable
    static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var i = from
        let needle = SIMD32<UInt8>(repeating: byte)
        while i &+ 32 <= to {
            let chunk = base.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
            let mask = unsafeBitCast(chunk .== needle, to: SIMD32<Int8>.self)
            // Narrow the 32 lane masks (0 or -1) into one bit each.
            let bits = UInt32(truncatingIfNeeded: movemask(mask))
            if bits != 0 { return i &+ bits.trailingZeroBitCount }
            i &+= 32
        }
        while i < to {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i &+= 1
        }
        return nil
    }

    /// One bit per lane: bit k is set when lane k is negative (all ones).
    @inlinable @inline(__always)
    static func movemask(_ v: SIMD32<Int8>) -> UInt32 {
        // Select a distinct power of two per lane within each 8-lane group, then sum the groups.
        let weights = SIMD32<UInt8>(1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128,
                                     1, 2, 4, 8, 16, 32, 64, 128, 1, 2, 4, 8, 16, 32, 64, 128)
        let picked = unsafeBitCast(v, to: SIMD32<UInt8>.self) & weights
        let words = unsafeBitCast(picked, to: SIMD4<UInt64>.self)
        // Horizontal byte sum of each 64-bit word: multiply by 0x0101..01 and take the top byte.
        let m: UInt64 = 0x0101_0101_0101_0101
        let b0 = (words[0] &* m) >> 56, b1 = (words[1] &* m) >> 56
        let b2 = (words[2] &* m) >> 56, b3 = (words[3] &* m) >> 56
        return UInt32(b0 | (b1 << 8) | (b2 << 16) | (b3 << 24))
    }
}
