extension MediaType {
    /// The common shape of a Content-Type value, parsed in one pass with no intermediate arrays:
    /// `type/subtype` and `; name=value` parameters whose values are tokens or plain quoted strings, as in
    /// `text/plain; charset="utf-8"; format=flowed`. Nearly every part of real mail has such a value, and the
    /// reader parses one per entity (issue "Performance").
    ///
    /// Returns nil, and the caller uses the general parser (`init?(parsing:defects:)`), for anything else:
    /// comments, backslashes, non-ASCII or control bytes, a folding break inside a quoted string, RFC 2231
    /// names (`*`), `?` (encoded words), a missing subtype, a parameter without `=`, text after a value. For
    /// the values it accepts it gives exactly what the general parser gives, and no defects.
    static func parsingSimple(_ bytes: UnsafeRawBufferPointer) -> MediaType? {
        var i = 0
        let n = bytes.count
        func skipWhitespace() {
            while i < n, HeaderScanner.isWhitespace(bytes[i]) { i += 1 }
        }
        /// A token of plain ASCII token bytes (not `*`), lowercased; empty if none.
        func token() -> String? {
            let start = i
            var upper = false
            while i < n {
                let b = bytes[i]
                guard b < 0x80, HeaderScanner.isTokenByte(b) else { break }
                if b == UInt8(ascii: "*") { return nil }
                if b >= 0x41 && b <= 0x5A { upper = true }
                i += 1
            }
            guard i > start else { return nil }
            return string(start..<i, lowercased: upper)
        }
        func string(_ range: Range<Int>, lowercased: Bool) -> String {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[range])
            guard lowercased else { return String(decoding: slice, as: UTF8.self) }
            return String(unsafeUninitializedCapacity: slice.count) { out in
                for k in 0..<slice.count {
                    let b = slice[k]
                    out[k] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                }
                return slice.count
            }
        }
        skipWhitespace()
        guard let type = token() else { return nil }
        skipWhitespace()
        guard i < n, bytes[i] == UInt8(ascii: "/") else { return nil }
        i += 1
        skipWhitespace()
        guard let subtype = token() else { return nil }
        var parameters: [Parameter] = []
        while true {
            skipWhitespace()
            guard i < n else { break }
            guard bytes[i] == UInt8(ascii: ";") else { return nil }
            i += 1
            skipWhitespace()
            if i == n || bytes[i] == UInt8(ascii: ";") { continue }
            guard let name = token() else { return nil }
            skipWhitespace()
            guard i < n, bytes[i] == UInt8(ascii: "=") else { return nil }
            i += 1
            skipWhitespace()
            let value: String
            if i < n, bytes[i] == UInt8(ascii: "\"") {
                i += 1
                let start = i
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    let b = bytes[i]
                    // Printable ASCII and space only: no escapes, folds, `?` or comment openers to interpret.
                    guard b >= 0x20, b < 0x7F, b != UInt8(ascii: "\\"), b != UInt8(ascii: "?"),
                          b != UInt8(ascii: "(") else { return nil }
                    i += 1
                }
                guard i < n else { return nil }
                value = string(start..<i, lowercased: false)
                i += 1
            } else {
                let start = i
                while i < n {
                    let b = bytes[i]
                    guard b < 0x80, HeaderScanner.isTokenByte(b) else { break }
                    i += 1
                }
                guard i > start else { return nil }
                value = string(start..<i, lowercased: false)
            }
            parameters.append(Parameter(lowercasedName: name, value: value))
        }
        return MediaType(lowercasedType: type, subtype: subtype, parameters: parameters)
    }

    /// A media type from parts already lowercased.
    init(lowercasedType type: String, subtype: String, parameters: [Parameter]) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }
}

extension Parameter {
    /// A parameter whose name is already lowercased.
    init(lowercasedName name: String, value: String) {
        self.name = name
        self.value = value
        self.language = nil
    }
}
