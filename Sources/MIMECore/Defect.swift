/// Something the parser tolerated: malformed or suspicious input that still produced a result.
///
/// Parsing is total: it never throws on malformed mail. Every tolerance is recorded as a defect
/// with the absolute byte offset where it was noticed, so a caller can show, count or reject.
public struct Defect: Sendable, Hashable, CustomStringConvertible {
    /// What was wrong. An open set: the kinds are a documented, stable vocabulary (they are
    /// the `kind` strings of the CLI's JSON), and new ones may be added.
    public struct Kind: RawRepresentable, Sendable, Hashable, Comparable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    /// How much the defect matters to someone reading the message.
    public enum Severity: Int, Sendable, Hashable, Comparable {
        /// Cosmetic or common; the result is what the sender almost certainly meant.
        case notice
        /// The result is a guess; some structure or text may not be what was meant.
        case warning
        /// A limit was hit or input had to be set aside as opaque bytes.
        case error

        public static func < (a: Severity, b: Severity) -> Bool { a.rawValue < b.rawValue }
    }

    public var kind: Kind
    /// Absolute byte offset into the input as given.
    public var offset: Int
    public var severity: Severity

    public init(_ kind: Kind, at offset: Int, severity: Severity = .warning) {
        self.kind = kind
        self.offset = offset
        self.severity = severity
    }

    public var description: String { "\(kind.rawValue)@\(offset)" }
}
