import CMailICU
import MIMECore
import Synchronization

/// A 256-entry table from the bytes of a single-byte charset to UTF-8, built once from ICU on
/// first use (never pasted into the source, so it is exactly ICU's mapping).
///
/// Each entry packs up to three UTF-8 bytes (first byte lowest), their count in bits 24–25,
/// and in bit 31 whether ICU found the byte unmapped (it then holds U+FFFD).
struct SingleByteTable: Sendable {
    private let entries: [UInt32]
    /// Bytes 0x00–0x7F map to themselves (every charset but the EBCDIC family), so the ASCII
    /// fast path may copy them.
    private let isASCIICompatible: Bool

    /// windows-1252, the charset mislabelled 8-bit mail nearly always is (WHATWG Encoding
    /// §4.2 reads even "iso-8859-1" and "us-ascii" labels as windows-1252).
    static let windows1252 = SingleByteTable(icuName: "windows-1252")

    /// The table for any stateless single-byte charset ICU knows (KOI8-R, ISO-8859-5,
    /// windows-1251, …), built on first use and kept; nil for other charsets. At most 64
    /// charsets are remembered, so invented names cannot grow the cache.
    static func table(forICUName name: String) -> SingleByteTable? {
        if let known = cache.withLock({ $0[name] }) { return known }
        let isSingleByte = ICUConverterPool.withConverter(named: name) { cmailicu_is_single_byte($0.handle) != 0 }
        guard let isSingleByte else { return nil }  // unknown to ICU: not cached here
        let table = isSingleByte ? SingleByteTable(icuName: name) : nil
        cache.withLock { cache in
            if cache.count < 64 { cache[name] = .some(table) }
        }
        return table
    }

    private static let cache = Mutex<[String: SingleByteTable?]>([:])

    private init?(icuName: String) {
        var entries = [UInt32](repeating: 0, count: 256)
        let built: Bool? = ICUConverterPool.withConverter(named: icuName) { converter in
            for byte in 0..<256 {
                var utf8: [UInt8] = []
                let invalid = withUnsafeBytes(of: UInt8(byte)) { converter.appendUTF8($0, into: &utf8) }
                guard (1...3).contains(utf8.count) else { return false }
                var entry = UInt32(utf8.count) << 24 | (invalid ? 0x8000_0000 : 0)
                for (k, unit) in utf8.enumerated() { entry |= UInt32(unit) << (8 * UInt32(k)) }
                entries[byte] = entry
            }
            return true
        }
        guard built == true else { return nil }
        self.entries = entries
        isASCIICompatible = (0..<128).allSatisfy { entries[$0] == 1 << 24 | UInt32($0) }
    }

    /// Appends `input` as UTF-8; returns whether any byte was unmapped.
    ///
    /// The input goes through in blocks of `blockSize` bytes, each with room for its worst case
    /// (three output bytes per input byte) at the end of the output; the output is first sized
    /// for text about 6 % of whose bytes are 8-bit, growing if not. No counting pass: the old
    /// count of 8-bit bytes, which sized the output exactly, read the input a second time and
    /// cost ~20 % on a 32 MB text (issue 4's benchmark). ASCII is copied 16 bytes at a time;
    /// only the 8-bit bytes go through the table. (In a charset that is not ASCII-compatible
    /// every byte goes through the table.)
    func append(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        guard let source = input.baseAddress, !input.isEmpty else { return false }
        let count = input.count
        output.reserveForAppending(count + count / 8 + 3 * Swift.min(count, Self.blockSize) + 8)
        var invalid = false
        var start = 0
        while start < count {
            let end = Swift.min(start + Self.blockSize, count)
            let block = UnsafeRawBufferPointer(start: source + start, count: end - start)
            // Every store in `appendBlock` writes at most 16 bytes past the output it keeps, and
            // never more than the input left to read can produce, except the 4-byte table store.
            output.appendBytes(upTo: 3 * block.count + 8) { appendBlock(block, to: $0, invalid: &invalid) }
            start = end
        }
        return invalid
    }

    /// Input bytes converted per output-room check: large enough that the check costs nothing,
    /// small enough that the worst-case room beyond the output is small.
    static let blockSize = 16_384

    /// Writes `input` as UTF-8 to `out`, which has room for three bytes per input byte and 8
    /// more; returns the bytes written and sets `invalid` if a byte was unmapped.
    private func appendBlock(_ input: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>,
                             invalid: inout Bool) -> Int {
        guard let source = input.baseAddress else { return 0 }
        let count = input.count
        let highs: UInt64 = 0x8080_8080_8080_8080
        let fast = isASCIICompatible
        let target = UnsafeMutableRawPointer(out)
        var unmapped: UInt32 = 0  // a local, kept in a register
        var i = 0
        var o = 0
        entries.withUnsafeBufferPointer { table in
            let t = table.baseAddress!
            while i < count {
                if fast && i + 16 <= count {
                    // Mail text is mostly ASCII: copy 16 bytes at once, keeping those before
                    // the first 8-bit one.
                    let a = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let b = source.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    target.storeBytes(of: a, toByteOffset: o, as: UInt64.self)
                    target.storeBytes(of: b, toByteOffset: o + 8, as: UInt64.self)
                    if (a | b) & highs == 0 {
                        i &+= 16
                        o &+= 16
                        continue
                    }
                    let ascii = a & highs != 0 ? (a & highs).trailingZeroBitCount >> 3
                        : 8 &+ (b & highs).trailingZeroBitCount >> 3
                    i &+= ascii
                    o &+= ascii
                }
                // An 8-bit byte, one of the last 15 bytes, or any byte of a charset that is not
                // ASCII-compatible.
                let entry = t[Int(source.load(fromByteOffset: i, as: UInt8.self))]
                // Writes 4 bytes and keeps 1–3.
                target.storeBytes(of: entry & 0x00FF_FFFF, toByteOffset: o, as: UInt32.self)
                o &+= Int(entry >> 24 & 3)
                unmapped |= entry
                i &+= 1
            }
        }
        if unmapped & 0x8000_0000 != 0 { invalid = true }
        return o
    }
}
