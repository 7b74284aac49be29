/// Byte search for the hot loops, in portable Swift (no libc): eight bytes at a time with the
/// SWAR zero-byte test. (Measured here: SIMD32 compares with a lane-by-lane mask extraction
/// compiled to stack spills and ran slower than this.)
@usableFromInline
enum ByteScan {
    /// The index of the first `byte` in `buffer[from..<to]`, or nil.
    @inlinable
    static func firstIndex(of byte: UInt8, in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pattern = ones &* UInt64(byte)
        var i = from
        while i &+ 8 <= to {
            // A byte of `x` is zero exactly where the input byte equals `byte`; the lowest flagged
            // byte is exact (borrows only flag bytes above a true match).
            let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let found = (x &- ones) & ~x & highs
            if found != 0 { return i &+ (found.trailingZeroBitCount >> 3) }
            i &+= 8
        }
        while i < to {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i &+= 1
        }
        return nil
    }
}
