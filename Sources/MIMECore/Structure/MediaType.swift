/// The value of a Content-Type field (RFC 2045 §5.1): `type "/" subtype *(";" parameter)`.
///
/// Type and subtype are lowercased; parameter names are lowercased and values decoded
/// (quoted strings unquoted, RFC 2231 continuations and charsets applied), in order.
public struct MediaType: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var subtype: String
    public var parameters: [Parameter]

    public init(type: String, subtype: String, parameters: [Parameter] = []) {
        self.type = type.lowercasedASCII
        self.subtype = subtype.lowercasedASCII
        self.parameters = parameters
    }

    /// `type/subtype`, lowercase.
    public var description: String { "\(type)/\(subtype)" }

    /// The first parameter named `name` (case-insensitive), decoded.
    public func parameter(_ name: String) -> String? {
        let key = name.lowercasedASCII
        return parameters.first { $0.name == key }?.value
    }

    public var isMultipart: Bool { type == "multipart" }
    public var isText: Bool { type == "text" }
    /// message/rfc822 and its relatives whose body is a whole message (RFC 2046 §5.2.1, RFC 6532
    /// §3.7 message/global, RFC 1036 message/news as GMime and MimeKit treat it).
    public var isEncapsulatedMessage: Bool {
        type == "message" && (subtype == "rfc822" || subtype == "global" || subtype == "news")
    }

    public static let textPlain = MediaType(type: "text", subtype: "plain")
    public static let messageRFC822 = MediaType(type: "message", subtype: "rfc822")
    public static let applicationOctetStream = MediaType(type: "application", subtype: "octet-stream")

    /// Parses a raw Content-Type value, leniently. Returns nil when the value is not a media type;
    /// the caller then applies the default, as RFC 2045 §5.2 recommends for invalid values.
    ///
    /// Deviations (each noted in `defects`, offsets relative to `bytes`):
    /// 1. A missing subtype is supplied for `text` (plain) and `multipart` (mixed, as GMime does,
    ///    so the parts stay visible); any other type without a subtype is invalid.
    /// 2. Parameters: see `Parameter.parseList`.
    public init?(parsing bytes: UnsafeRawBufferPointer, defects: inout [Defect]) {
        guard let value = MediaType.parsingSimple(bytes) ?? MediaType.parsingGeneral(bytes, defects: &defects) else {
            return nil
        }
        self = value
    }

    /// The general, lenient parser behind `init?(parsing:defects:)`, for every value `parsingSimple` leaves.
    static func parsingGeneral(_ bytes: UnsafeRawBufferPointer, defects: inout [Defect]) -> MediaType? {
        var scanner = HeaderScanner(bytes)
        scanner.skipCFWS()
        let type = scanner.tokenString()
        guard !type.isEmpty else { return nil }
        scanner.skipCFWS()
        var subtype = ""
        if scanner.peek == UInt8(ascii: "/") {
            scanner.advance()
            scanner.skipCFWS()
            subtype = scanner.tokenString()
        }
        let typeString = type.lowercasedASCII
        if subtype.isEmpty {
            defects.append(Defect(.missingSubtype, at: 0, severity: .notice))
            switch typeString {
            case "text": subtype = "plain"
            case "multipart": subtype = "mixed"
            default: return nil
            }
        }
        return MediaType(lowercasedType: typeString, subtype: subtype.lowercasedASCII,
                         parameters: Parameter.parseList(&scanner, defects: &defects))
    }

    /// Convenience for tests and callers holding an array.
    public init?(parsing bytes: [UInt8]) {
        var defects: [Defect] = []
        guard let value = bytes.withUnsafeBytes({ MediaType(parsing: $0, defects: &defects) }) else { return nil }
        self = value
    }
}

/// The value of a Content-Disposition field (RFC 2183): a disposition type and parameters.
public struct ContentDisposition: Sendable, Hashable {
    /// `inline`, `attachment`, or another value as given, lowercased.
    public var type: String
    public var parameters: [Parameter]

    public init(type: String, parameters: [Parameter] = []) {
        self.type = type.lowercasedASCII
        self.parameters = parameters
    }

    public func parameter(_ name: String) -> String? {
        let key = name.lowercasedASCII
        return parameters.first { $0.name == key }?.value
    }

    /// Parses a raw Content-Disposition value leniently; nil when no type is present.
    public init?(parsing bytes: UnsafeRawBufferPointer, defects: inout [Defect]) {
        var scanner = HeaderScanner(bytes)
        scanner.skipCFWS()
        let type = scanner.tokenString()
        guard !type.isEmpty else { return nil }
        self.type = type.lowercasedASCII
        self.parameters = Parameter.parseList(&scanner, defects: &defects)
    }

    public init?(parsing bytes: [UInt8]) {
        var defects: [Defect] = []
        guard let value = bytes.withUnsafeBytes({ ContentDisposition(parsing: $0, defects: &defects) }) else { return nil }
        self = value
    }
}

extension Defect.Kind {
    /// A Content-Type with a type but no subtype (RFC 2045 §5.1 requires both).
    public static let missingSubtype = Defect.Kind("missingSubtype")
}

extension String {
    /// ASCII-only lowercasing: header tokens are ASCII, and Unicode case rules must not apply.
    var lowercasedASCII: String {
        // Most tokens are lowercase already: no copy then (this runs for every part's media type).
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        var bytes = Array(utf8)
        var changed = false
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A {
            bytes[i] |= 0x20
            changed = true
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : self
    }
}
