/// One entity of a message: the message itself, a body part of a multipart, or the message
/// inside a message/rfc822 part. Parts live in a flat array (`Message.parts`) in depth-first
/// order; a part knows its parent and where its subtree ends, and everything by absolute offset.
public struct Part: Sendable, Hashable {
    /// The position of a part in `Message.parts` (0 is the message itself). The CLI's 1-based
    /// part numbers are `id.rawValue + 1`.
    public struct ID: RawRepresentable, Sendable, Hashable, Comparable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static func < (a: ID, b: ID) -> Bool { a.rawValue < b.rawValue }
        /// The message itself.
        public static let root = ID(rawValue: 0)
    }

    /// How the body is structured.
    public enum Kind: Sendable, Hashable {
        /// Opaque content, possibly transfer-encoded.
        case leaf
        /// A multipart; its children are body parts.
        case multipart
        /// An encapsulated message; its single child is that message.
        case message
    }

    public let id: ID
    public let parent: ID?
    /// 0 for the message; children are one deeper than their parent.
    public let depth: Int
    public internal(set) var kind: Kind = .leaf
    /// The media type as interpreted (defaults applied).
    public internal(set) var mediaType: MediaType = .textPlain
    /// Whether `mediaType` came from a Content-Type field.
    public internal(set) var mediaTypeIsExplicit = false
    /// Content-Transfer-Encoding, trimmed and lowercased, when present.
    public internal(set) var transferEncoding: String? = nil
    /// Content-Disposition, when present and readable.
    public internal(set) var disposition: ContentDisposition? = nil

    /// Where the header starts (the first field, after any mbox envelope line).
    public internal(set) var headerStart: Int
    /// Where the body starts: after the blank line (or where the header was cut short).
    public internal(set) var bodyStart: Int
    /// Where the body ends. For a child of a multipart, the line break before the next
    /// delimiter is excluded (RFC 2046 §5.1.1).
    public internal(set) var bodyEnd: Int

    /// The absolute range of the header, including the blank line that ends it.
    public var headerRange: Range<Int> { headerStart..<bodyStart }
    /// The absolute range of the body.
    public var bodyRange: Range<Int> { bodyStart..<bodyEnd }
    /// The absolute range of the whole entity, header and body.
    public var entityRange: Range<Int> { headerStart..<bodyEnd }

    /// Lines before the first field that are not fields: an mbox envelope (`From `, `>From `)
    /// opening an encapsulated message, or white space. Kept so the part writes back unchanged.
    public internal(set) var leadingLines: Range<Int>? = nil
    /// Indices into `Message.fields` of this part's header fields.
    public internal(set) var fieldRange: Range<Int> = 0..<0
    /// The blank line ending the header (empty when there was none).
    public internal(set) var blankLine: Range<Int> = 0..<0
    /// For a multipart: the bytes before the first delimiter (RFC 2046 §5.1.1 preamble).
    public internal(set) var preamble: Range<Int>? = nil
    /// For a multipart: the bytes after the close delimiter.
    public internal(set) var epilogue: Range<Int>? = nil
    /// For a multipart: each delimiter line with the line break before it, in order; one before
    /// each child, plus the close delimiter when present.
    public internal(set) var delimiters: [Range<Int>] = []
    /// The index just past this part's last descendant in `Message.parts`.
    public internal(set) var subtreeEnd: Int = 0
    /// Defects noticed while this part was the innermost open entity.
    public internal(set) var defects: [Defect] = []

    /// The decoded filename: Content-Disposition `filename`, else Content-Type `name`
    /// (RFC 2183 §2.3, with the `name` fallback every mailer reads).
    public var filename: String? {
        disposition?.parameter("filename") ?? mediaType.parameter("name")
    }

    /// The declared charset parameter, as given.
    public var charset: String? { mediaType.parameter("charset") }

    init(id: ID, parent: ID?, depth: Int, headerStart: Int) {
        self.id = id
        self.parent = parent
        self.depth = depth
        self.headerStart = headerStart
        self.bodyStart = headerStart
        self.bodyEnd = headerStart
    }
}
