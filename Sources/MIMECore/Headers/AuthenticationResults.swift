/// An Authentication-Results field (RFC 8601 §2.2): who evaluated the message and what each
/// method (spf, dkim, dmarc, arc...) concluded.
public struct AuthenticationResults: Sendable, Hashable {
    /// One `resinfo`: `method[/version]=result [reason=...] [ptype.property=value ...]`.
    public struct Result: Sendable, Hashable {
        /// The method, lowercased (`dkim`, `spf`); a `/version` suffix is dropped.
        public var method: String
        /// The result, lowercased (`pass`, `fail`, `none`...).
        public var result: String
        /// The `reason=` value, unquoted.
        public var reason: String?
        /// `ptype.property=value` pairs in order (`header.d=example.com`).
        public var properties: [Property]

        /// Creates a result from its parts.
        public init(method: String, result: String, reason: String? = nil, properties: [Property] = []) {
            self.method = method
            self.result = result
            self.reason = reason
            self.properties = properties
        }
    }

    /// A `propspec` (RFC 8601 §2.2): `ptype "." property "=" pvalue`.
    public struct Property: Sendable, Hashable {
        /// `smtp`, `header`, `body`, `policy`, lowercased.
        public var type: String
        /// The property (`d`, `mailfrom`, `from`), as written.
        public var name: String
        /// The value, unquoted.
        public var value: String

        /// Creates a property from its parts.
        public init(type: String, name: String, value: String) {
            self.type = type
            self.name = name
            self.value = value
        }
    }

    /// The authserv-id: the host or domain that did the checks.
    public var authservID: String
    /// The optional version after the authserv-id.
    public var version: Int?
    /// Empty for `none` (RFC 8601 §2.2: no method was run).
    public var results: [Result]

    /// Creates a field value from its parts.
    public init(authservID: String, version: Int? = nil, results: [Result]) {
        self.authservID = authservID
        self.version = version
        self.results = results
    }
}

extension Defect.Kind {
    /// A part of Authentication-Results that fits the RFC 8601 grammar nowhere was skipped.
    public static let authenticationResultsMalformed = Defect.Kind("authenticationResultsMalformed")
}

extension AuthenticationResults {
    /// Parses an unfolded Authentication-Results value (RFC 8601 §2.2). Lenient and total.
    ///
    /// Deviations:
    /// 1. Whitespace around `=` is accepted; comments are skipped anywhere.
    /// 2. A `resinfo` without `=result` or a property without `ptype.` is skipped with
    ///    `authenticationResultsMalformed`; the rest of the field is still read.
    public static func parse(_ bytes: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> AuthenticationResults {
        // Words: runs of non-space, non-"=", non-";" bytes, or quoted strings; "=" and ";" alone.
        enum Piece { case word(String, Int), equals, semicolon }
        var pieces: [Piece] = []
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            if StructuredTokenizer.isWSP(c) {
                i += 1
            } else if c == UInt8(ascii: "(") {
                i = MessageID.skipComment(bytes, from: i)
            } else if c == UInt8(ascii: "=") {
                pieces.append(.equals)
                i += 1
            } else if c == UInt8(ascii: ";") {
                pieces.append(.semicolon)
                i += 1
            } else if c == UInt8(ascii: "\"") {
                let start = i
                var value: [UInt8] = []
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\"), i + 1 < n { i += 1 }
                    value.append(bytes[i])
                    i += 1
                }
                i += 1
                pieces.append(.word(BuiltinCharset.decodeRaw(value[...]).text, start))
            } else {
                let start = i
                while i < n, !StructuredTokenizer.isWSP(bytes[i]), bytes[i] != UInt8(ascii: "="),
                    bytes[i] != UInt8(ascii: ";"), bytes[i] != UInt8(ascii: "("), bytes[i] != UInt8(ascii: "\"")
                {
                    i += 1
                }
                pieces.append(.word(BuiltinCharset.decodeRaw(bytes[start..<i]).text, start))
            }
        }

        var results = AuthenticationResults(authservID: "", results: [])
        var k = 0
        // authserv-id [version]
        if k < pieces.count, case .word(let id, _) = pieces[k] {
            results.authservID = id
            k += 1
            if k < pieces.count, case .word(let v, _) = pieces[k], let version = Int(v) {
                results.version = version
                k += 1
            }
        }
        func lower(_ s: String) -> String { BuiltinCharset.lowercasedASCII(s) }
        // Each ";"-separated resinfo: word "=" word, then (word "=" word)*.
        var current: Result? = nil
        while k < pieces.count {
            switch pieces[k] {
            case .semicolon:
                if let r = current { results.results.append(r) }
                current = nil
                k += 1
            case .word(let key, let at):
                guard k + 2 < pieces.count, case .equals = pieces[k + 1], case .word(let value, _) = pieces[k + 2] else {
                    if !(current == nil && lower(key) == "none") {
                        defects.append(Defect(.authenticationResultsMalformed, at: baseOffset + at, severity: .notice))
                    }
                    k += 1
                    continue
                }
                k += 3
                if current == nil {
                    let method = key.split(separator: "/", maxSplits: 1).first.map(String.init) ?? key
                    current = Result(method: lower(method), result: lower(value))
                } else if lower(key) == "reason" {
                    current!.reason = value
                } else if let dot = key.firstIndex(of: ".") {
                    current!.properties.append(
                        Property(type: lower(String(key[..<dot])), name: String(key[key.index(after: dot)...]), value: value))
                } else {
                    defects.append(Defect(.authenticationResultsMalformed, at: baseOffset + at, severity: .notice))
                }
            case .equals:
                defects.append(Defect(.authenticationResultsMalformed, at: baseOffset, severity: .notice))
                k += 1
            }
        }
        if let r = current { results.results.append(r) }
        return results
    }
}
