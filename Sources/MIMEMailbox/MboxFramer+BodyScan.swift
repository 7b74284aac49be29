#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MboxFramer {
    /// In a message body only two kinds of line matter to framing: a `From ` line (a possible
    /// separator) and a quoted `>…From ` line (counted for un-escaping). Both contain `From `,
    /// so instead of visiting every line this jumps between occurrences of `F` (with `memchr`)
    /// and checks whether `From ` follows and only `>`s stand between it and a line start.
    ///
    /// Returns the start of the next line at or after `start` (which must start a line) that
    /// begins with `From ` or `>`s and `From `: a superset of the lines the line-by-line scan
    /// acts on, so the result is the same. Without one it returns the end of the input at
    /// EOF, else the start of the last, incomplete line (a candidate may still complete there).
    static func nextFromCandidate(_ buffer: UnsafeRawBufferPointer, base: Int, from start: Int, atEOF: Bool) -> Int {
        let end = base + buffer.count
        // Nothing to search (an empty buffer may have no address at all).
        guard start < end, let bytes = buffer.baseAddress else { return start }
        var search = start
        while search < end, let found = memchr(bytes + (search - base), Int32(UInt8(ascii: "F")), end - search) {
            let f = base + (UnsafeRawPointer(found) - bytes)
            if f + 5 > end {
                // Too close to the end to tell: resume at this line once more bytes have come.
                return atEOF ? end : lineStart(buffer, base: base, before: f, notBefore: start)
            }
            if buffer[f + 1 - base] == UInt8(ascii: "r"), buffer[f + 2 - base] == UInt8(ascii: "o"),
               buffer[f + 3 - base] == UInt8(ascii: "m"), buffer[f + 4 - base] == UInt8(ascii: " ") {
                var q = f
                while q > start, buffer[q - 1 - base] == UInt8(ascii: ">") { q -= 1 }
                if q == start || buffer[q - 1 - base] == 0x0A { return q }
            }
            search = f + 1
        }
        return atEOF ? end : lineStart(buffer, base: base, before: end, notBefore: start)
    }

    /// The start of the line holding offset `before - 1` (or `before` itself after an LF),
    /// no earlier than `notBefore`.
    private static func lineStart(_ buffer: UnsafeRawBufferPointer, base: Int, before: Int, notBefore: Int) -> Int {
        var p = before
        while p > notBefore, buffer[p - 1 - base] != 0x0A { p -= 1 }
        return p
    }
}
