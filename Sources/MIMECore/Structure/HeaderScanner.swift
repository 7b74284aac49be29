/// A cursor over a raw structured field value for the RFC 2045 / RFC 5322 lexical tokens that
/// structural fields need: CFWS, tokens, quoted strings. Folding line breaks are treated as
/// white space (RFC 5322 §2.2.3 unfolding), so a value can be scanned without copying it first.
struct HeaderScanner {
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
    mutating func advance() { index += 1 }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }

    /// RFC 2045 §5.1 tspecials plus space and controls end a token.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 0...0x20, 0x7F: return false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "@"),
             UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "\\"), UInt8(ascii: "\""),
             UInt8(ascii: "/"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "?"), UInt8(ascii: "="):
            return false
        default: return true // 8-bit bytes are accepted in tokens (real mail has them).
        }
    }

    /// Skips white space, folding and comments (RFC 5322 §3.2.2 CFWS); comments nest, iteratively.
    mutating func skipCFWS() {
        while index < bytes.count {
            let b = bytes[index]
            if Self.isWhitespace(b) {
                index += 1
            } else if b == UInt8(ascii: "(") {
                var depth = 0
                while index < bytes.count {
                    let c = bytes[index]
                    if c == UInt8(ascii: "\\") { index += 2; continue }
                    if c == UInt8(ascii: "(") { depth += 1 }
                    if c == UInt8(ascii: ")") { depth -= 1; if depth == 0 { index += 1; break } }
                    index += 1
                }
                index = min(index, bytes.count)
            } else {
                return
            }
        }
    }

    /// Reads a token (possibly empty).
    mutating func token() -> [UInt8] {
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
        return Array(bytes[start..<index])
    }

    /// Reads a token (possibly empty) as a string, with no intermediate array (type and subtype tokens are
    /// short, so the string is stored inline: no allocation).
    mutating func tokenString() -> String {
        let start = index
        while index < bytes.count, Self.isTokenByte(bytes[index]) { index += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    /// Reads a quoted string after its opening quote; unquotes `\x`, unfolds line breaks
    /// (keeping the white space after them). An unterminated string runs to the end.
    mutating func quotedStringBody() -> [UInt8] {
        var out: [UInt8] = []
        while index < bytes.count {
            let b = bytes[index]
            index += 1
            switch b {
            case UInt8(ascii: "\""): return out
            case UInt8(ascii: "\\") where index < bytes.count:
                out.append(bytes[index])
                index += 1
            case 0x0D, 0x0A: continue
            default: out.append(b)
            }
        }
        return out
    }

    /// Reads bytes up to (not including) `stop` or the end, trimming surrounding white space;
    /// for values that are neither tokens nor quoted strings, as real mailers write them.
    mutating func raw(until stop: UInt8) -> [UInt8] {
        let start = index
        while index < bytes.count, bytes[index] != stop { index += 1 }
        var slice = bytes[start..<index]
        while let f = slice.first, Self.isWhitespace(f) { slice = slice.dropFirst() }
        while let l = slice.last, Self.isWhitespace(l) { slice = slice.dropLast() }
        return slice.filter { $0 != 0x0D && $0 != 0x0A }
    }
}
