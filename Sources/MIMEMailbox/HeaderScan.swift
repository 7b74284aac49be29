#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// The few header fields a conversion looks at, found by a minimal scan of the header block
/// (no MIME parsing): field names are matched case-insensitively, folded values are unfolded
/// (RFC 5322 §2.2.3), and the scan stops at the first empty line or after `limit` bytes.
///
/// It runs once per message of every `convert` and `list`, so it works on bytes: a field name
/// is compared in place with the wanted names (ASCII case folding), and only a wanted field's
/// value is copied. (Issue 5: building, lowercasing and trimming a `String` for every header
/// line was half of `convert --no-fsync`'s user time.)
///
/// Deviations:
/// 1. Names are compared as ASCII: a name spelled with non-ASCII look-alikes that Unicode
///    lowercases to ASCII (KELVIN SIGN for `k`) does not match. RFC 5322 §3.6.8 allows only
///    printable ASCII in field names.
/// 2. White space between the name and the colon (`Status :`, obsolete syntax, RFC 5322 §4.5)
///    is allowed, as before.
struct HeaderScan {
    /// The field names a scan looks for, lowercased and prepared once.
    struct FieldNames: Sendable, ExpressibleByArrayLiteral {
        /// The lowercased names, in the order given.
        let names: [String]
        /// The same names as bytes.
        fileprivate let bytes: [[UInt8]]

        init(_ names: [String]) {
            self.names = names.map { $0.lowercased() }
            bytes = self.names.map { Array($0.utf8) }
        }

        init(arrayLiteral names: String...) { self.init(names) }

        /// The position of `name` (lowercase) in the list.
        func index(of name: String) -> Int? { names.firstIndex(of: name) }
    }

    /// The names looked for.
    let names: FieldNames
    /// The unfolded value of each name's first occurrence, by position in `names`.
    private var found: [[UInt8]?]

    init(_ message: ByteView, names: FieldNames, limit: Int = 1 << 20) {
        self.names = names
        var found = [[UInt8]?](repeating: nil, count: names.bytes.count)
        message.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let end = min(raw.count, limit)
            var start = 0
            var current: Int?  // the wanted field whose continuation lines are being appended
            while start < end {
                // memchr for the line end: a byte loop here was most of the scan's time.
                let lineEnd = memchr(base + start, 0x0A, end - start).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? end
                var content = lineEnd
                if content > start && raw[content - 1] == 0x0D { content -= 1 }
                if content == start { break }  // the empty line ending the header
                let first = raw[start]
                if first == 0x20 || first == 0x09 {
                    if let field = current { found[field]!.append(contentsOf: raw[start..<content]) }
                } else {
                    current = nil
                    var colon = start
                    while colon < content && raw[colon] != UInt8(ascii: ":") { colon += 1 }
                    if colon < content, let field = Self.match(raw, start..<colon, names.bytes), found[field] == nil {
                        found[field] = Array(raw[(colon + 1)..<content])
                        current = field
                    }
                }
                start = lineEnd + 1
            }
        }
        self.found = found
    }

    /// Which of `names` the field name at `range` is (trailing white space ignored), or nil.
    private static func match(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, _ names: [[UInt8]]) -> Int? {
        var upper = range.upperBound
        while upper > range.lowerBound && (raw[upper - 1] == 0x20 || raw[upper - 1] == 0x09) { upper -= 1 }
        let count = upper - range.lowerBound
        candidates: for (index, name) in names.enumerated() where name.count == count {
            for k in 0..<count {
                var byte = raw[range.lowerBound + k]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }  // ASCII lowercase
                if byte != name[k] { continue candidates }
            }
            return index
        }
        return nil
    }

    /// The unfolded value of the field `name` (lowercase; one of `names`), as in the message.
    func value(_ name: String) -> [UInt8]? {
        names.index(of: name).flatMap { found[$0] }
    }

    /// The value with surrounding white space (space, tab, CR, LF) removed, as bytes.
    func trimmed(_ name: String) -> ArraySlice<UInt8>? {
        guard let value = value(name) else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var lower = value.startIndex, upper = value.endIndex
        while lower < upper && isSpace(value[lower]) { lower += 1 }
        while upper > lower && isSpace(value[upper - 1]) { upper -= 1 }
        return value[lower..<upper]
    }

    /// The value with surrounding white space removed, as text.
    func text(_ name: String) -> String? {
        trimmed(name).map { String(decoding: $0, as: UTF8.self) }
    }
}
