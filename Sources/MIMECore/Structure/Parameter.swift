/// A MIME parameter (RFC 2045 §5.1 `attribute "=" value`), decoded: RFC 2231 continuations
/// joined, `charset'language'` percent-encoding applied.
public struct Parameter: Sendable, Hashable {
    /// The attribute, lowercased, without any RFC 2231 `*n` / `*` suffix.
    public var name: String
    /// The decoded value.
    public var value: String
    /// The RFC 2231 language tag, if one was given.
    public var language: String?

    public init(name: String, value: String, language: String? = nil) {
        self.name = name.lowercasedASCII
        self.value = value
        self.language = language
    }

    /// One `name[*n][*]=value` as written, before RFC 2231 assembly.
    private struct Piece {
        var name: String
        var section: Int?
        var extended: Bool
        var value: [UInt8]
    }

    /// Parses `*(";" parameter)` after a type.
    ///
    /// Deviations (defects are reported; offsets relative to the value):
    /// 1. Values that are neither a token nor a quoted string run to the next `;`, as written.
    /// 2. Continuations may come in any order and with gaps; they are joined in section order.
    /// 3. Bytes in quoted values that are not ASCII are read as UTF-8, or as ISO-8859-1 when not
    ///    valid UTF-8 (RFC 2231 says to use `*=`; real mailers don't).
    /// 4. A parameter without `=` is skipped; stray `;` are ignored.
    /// 5. Duplicate names are all kept, in order; lookups take the first.
    static func parseList(_ scanner: inout HeaderScanner, defects: inout [Defect]) -> [Parameter] {
        var pieces: [Piece] = []
        while !scanner.isAtEnd {
            scanner.skipCFWS()
            guard let b = scanner.peek else { break }
            if b == UInt8(ascii: ";") { scanner.advance(); continue }
            let start = scanner.index
            let nameBytes = scanner.token()
            scanner.skipCFWS()
            guard !nameBytes.isEmpty, scanner.peek == UInt8(ascii: "=") else {
                defects.append(Defect(.invalidParameter, at: start, severity: .notice))
                // Skip to the next parameter.
                while let c = scanner.peek, c != UInt8(ascii: ";") { scanner.advance() }
                if scanner.index == start { scanner.advance() }
                continue
            }
            scanner.advance() // "="
            scanner.skipCFWS()
            var value: [UInt8]
            if scanner.peek == UInt8(ascii: "\"") {
                scanner.advance()
                value = scanner.quotedStringBody()
                // Trailing junk after the closing quote, up to the next ";", is dropped.
                let junkStart = scanner.index
                scanner.skipCFWS()
                if let c = scanner.peek, c != UInt8(ascii: ";") {
                    defects.append(Defect(.invalidParameter, at: junkStart, severity: .notice))
                    _ = scanner.raw(until: UInt8(ascii: ";"))
                }
            } else {
                value = scanner.raw(until: UInt8(ascii: ";"))
            }
            pieces.append(piece(nameBytes, value: value))
        }
        return assemble(pieces)
    }

    /// Splits `name*2*` into its base name, section number and extended flag (RFC 2231 §3, §4).
    private static func piece(_ nameBytes: [UInt8], value: [UInt8]) -> Piece {
        var name = nameBytes[...]
        var extended = false
        if name.last == UInt8(ascii: "*") { extended = true; name = name.dropLast() }
        var section: Int? = nil
        if let star = name.lastIndex(of: UInt8(ascii: "*")) {
            let digits = name[(star + 1)...]
            if !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                section = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
                name = name[..<star]
            }
        }
        return Piece(name: String(decoding: name, as: UTF8.self).lowercasedASCII,
                     section: section, extended: extended, value: value)
    }

    /// Joins RFC 2231 sections (§3) and decodes extended values (§4).
    private static func assemble(_ pieces: [Piece]) -> [Parameter] {
        var result: [Parameter] = []
        var done = Set<String>()
        for (i, piece) in pieces.enumerated() {
            if piece.section == nil {
                if piece.extended {
                    let (value, language) = decodeExtended(piece.value, hasCharset: true)
                    result.append(Parameter(name: piece.name, value: value, language: language))
                } else {
                    result.append(Parameter(name: piece.name, value: decodePlain(piece.value)))
                }
                continue
            }
            guard !done.contains(piece.name) else { continue }
            done.insert(piece.name)
            // Collect every section of this name (from here on), in section order.
            var sections = pieces[i...].filter { $0.name == piece.name && $0.section != nil }
            sections.sort { $0.section! < $1.section! }
            var bytes: [UInt8] = []
            var charset: [UInt8]? = nil
            var language: String? = nil
            for section in sections {
                if section.extended {
                    var v = section.value[...]
                    if section.section == 0 {
                        // charset'language'value (RFC 2231 §4: only the first section has them).
                        if let q1 = v.firstIndex(of: UInt8(ascii: "'")),
                           let q2 = v[(q1 + 1)...].firstIndex(of: UInt8(ascii: "'")) {
                            charset = Array(v[..<q1])
                            let lang = v[(q1 + 1)..<q2]
                            if !lang.isEmpty { language = String(decoding: lang, as: UTF8.self) }
                            v = v[(q2 + 1)...]
                        }
                    }
                    bytes += percentDecode(v)
                } else {
                    bytes += section.value
                }
            }
            let value = charset.map { decodeCharset(bytes, charset: $0) } ?? decodePlain(bytes)
            result.append(Parameter(name: piece.name, value: value, language: language))
        }
        return result
    }

    /// `charset'language'percent-encoded` (RFC 2231 §4).
    private static func decodeExtended(_ raw: [UInt8], hasCharset: Bool) -> (String, String?) {
        var v = raw[...]
        guard let q1 = v.firstIndex(of: UInt8(ascii: "'")),
              let q2 = v[(q1 + 1)...].firstIndex(of: UInt8(ascii: "'")) else {
            return (decodeText(percentDecode(v)), nil)
        }
        let charset = Array(v[..<q1])
        let lang = v[(q1 + 1)..<q2]
        v = v[(q2 + 1)...]
        return (decodeCharset(percentDecode(v), charset: charset),
                lang.isEmpty ? nil : String(decoding: lang, as: UTF8.self))
    }

    private static func percentDecode(_ v: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(v.count)
        var i = v.startIndex
        while i < v.endIndex {
            if v[i] == UInt8(ascii: "%"), i + 2 < v.endIndex,
               let h = hexValue(v[i + 1]), let l = hexValue(v[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(v[i])
                i += 1
            }
        }
        return out
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// A plain (not RFC 2231 extended) value: RFC 2047 encoded words decoded too, because real
    /// mailers put them in quoted parameter values (`filename="=?utf-8?q?...?="`), against
    /// RFC 2047 §5 but as every major parser accepts.
    static func decodePlain(_ bytes: [UInt8]) -> String {
        guard bytes.count >= 8, containsEncodedWordStart(bytes) else { return decodeText(bytes) }
        return EncodedWord.decodeText(bytes, transcoder: CharsetTranscoders.shared).text
    }

    static func containsEncodedWordStart(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == UInt8(ascii: "="), bytes[i + 1] == UInt8(ascii: "?") { return true }
            i += 1
        }
        return false
    }

    /// Bytes as text: UTF-8 when valid, else ISO-8859-1 (every byte is a character).
    static func decodeText(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return s }
        return String(decoding: bytes.flatMap(latin1ToUTF8), as: UTF8.self)
    }

    /// Decodes with a charset MIMECore knows (UTF-8, US-ASCII, ISO-8859-1); others through
    /// `CharsetTranscoders.shared` when one is installed, else as `decodeText`.
    static func decodeCharset(_ bytes: [UInt8], charset: [UInt8]) -> String {
        let name = String(decoding: charset, as: UTF8.self)
        if let text = CharsetTranscoders.decode(bytes, charset: name) { return text }
        return decodeText(bytes)
    }

    static func latin1ToUTF8(_ b: UInt8) -> [UInt8] {
        b < 0x80 ? [b] : [0xC0 | (b >> 6), 0x80 | (b & 0x3F)]
    }
}

extension Defect.Kind {
    /// A parameter that could not be read (no `=`, junk after a quoted value).
    public static let invalidParameter = Defect.Kind("invalidParameter")
}
