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

    /// The index of the first `byte` in `buffer[from..<to]` that starts a line: at the start of the
    /// buffer or right after an LF. Eight bytes at a time, pairing each LF with the byte after it.
    @inlinable
    static func firstLineStart(with byte: UInt8, in buffer: UnsafeRawBufferPointer, from: Int, to: Int) -> Int? {
        guard let base = buffer.baseAddress, from < to else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        /// The high bit of each byte of `x` that is zero, exactly (no borrow between bytes).
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x | lows) }
        var afterLF: UInt64 = from == 0 || base.load(fromByteOffset: from &- 1, as: UInt8.self) == 0x0A ? 0x80 : 0
        var i = from
        while i &+ 8 <= to {
            let x = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let lf = zeroBytes(x ^ (ones &* 0x0A))
            let starts = ((lf << 8) | afterLF) & zeroBytes(x ^ (ones &* UInt64(byte)))
            if starts != 0 { return i &+ (starts.trailingZeroBitCount >> 3) }
            afterLF = lf >> 56
            i &+= 8
        }
        while i < to {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte, afterLF != 0 { return i }
            afterLF = base.load(fromByteOffset: i, as: UInt8.self) == 0x0A ? 0x80 : 0
            i &+= 1
        }
        return nil
    }
}
