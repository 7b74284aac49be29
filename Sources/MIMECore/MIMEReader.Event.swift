extension MIMEReader {
    /// A run of source bytes: its absolute range, and a copy of the bytes when the reader was
    /// asked to keep them (`MIMEReader(keepingBytes: true)`, the streaming default).
    public struct Segment: Sendable, Hashable {
        public var range: Range<Int>
        /// The bytes of `range`, or nil when the reader only reports ranges (the caller has the
        /// input, as `Message` does).
        public var bytes: [UInt8]?

        public init(range: Range<Int>, bytes: [UInt8]? = nil) {
            self.range = range
            self.bytes = bytes
        }
    }

    /// What a structural header said about an entity's body, as the reader acted on it.
    public struct BodyStructure: Sendable, Hashable {
        /// How the reader treats the body.
        public enum Kind: Sendable, Hashable {
            /// Opaque content, possibly transfer-encoded.
            case leaf
            /// A multipart with this boundary (RFC 2046 §5.1.1).
            case multipart(boundary: [UInt8])
            /// An encapsulated message (message/rfc822, message/global, message/news).
            case message
        }

        public var kind: Kind
        /// The media type as interpreted, defaults applied (RFC 2045 §5.2; RFC 2046 §5.1.5 for digest).
        public var mediaType: MediaType
        /// Whether `mediaType` came from a Content-Type field (false: a default was applied).
        public var mediaTypeIsExplicit: Bool
        /// The Content-Transfer-Encoding value, trimmed and lowercased, if the field was present.
        public var transferEncoding: String?
    }

    /// One step of the parse, in source order. Feeding the same bytes in any chunking yields the
    /// same events, except that `.body`, `.preamble` and `.epilogue` runs may be split or merged.
    public enum Event: Sendable, Hashable {
        /// An mbox `From ` envelope line before the first header field (framing, not a field);
        /// also `From ` or `>From ` opening an encapsulated message's header.
        case envelope(Segment)
        /// A line before an entity's first field that is neither a field nor an envelope, such as
        /// white space (RFC 5322 §2.2.3 gives it nothing to continue); kept, with a defect.
        case ignoredLine(Segment)
        /// An entity (the message, a part, or an encapsulated message) starts at this offset.
        case entityBegin(offset: Int)
        /// A header field: its full raw bytes including folding and the final line break.
        /// `nameEnd` is the offset of the colon; an empty name marks a line that is not a field.
        case field(Segment, colon: Int)
        /// The header ends: the blank line (empty when the body starts without one).
        case headerEnd(Segment, BodyStructure)
        /// Body bytes of a leaf entity.
        case body(Segment)
        /// Bytes of a multipart before its first delimiter line.
        case preamble(Segment)
        /// Bytes of a multipart after its close delimiter.
        case epilogue(Segment)
        /// A delimiter line, from the line break that precedes it (RFC 2046 §5.1.1: that line
        /// break belongs to the delimiter) through its own line break; a close delimiter ends
        /// before its line break, which goes to the epilogue or to a delimiter right after it.
        case delimiter(Segment, isClose: Bool)
        /// The innermost open entity ends here (the end of its body).
        case entityEnd(offset: Int)
        /// Something was tolerated.
        case defect(Defect)
    }
}

extension Defect.Kind {
    /// A line in a header that is neither a field nor a continuation; the body starts there.
    public static let missingHeaderBodySeparator = Defect.Kind("missingHeaderBodySeparator")
    /// A header's first line starts with white space (RFC 5322 §2.2.3: nothing to continue).
    public static let firstLineIsContinuation = Defect.Kind("firstLineIsContinuation")
    /// A multipart/* without a usable boundary parameter; its body is read as a leaf.
    public static let missingBoundary = Defect.Kind("missingBoundary")
    /// A multipart whose body has no delimiter line at all.
    public static let noPartsFound = Defect.Kind("noPartsFound")
    /// A multipart that ends without its close delimiter line.
    public static let missingCloseDelimiter = Defect.Kind("missingCloseDelimiter")
    /// Text after a close delimiter on its line (`--b-->`); the line still closes the multipart.
    public static let junkAfterCloseDelimiter = Defect.Kind("junkAfterCloseDelimiter")
    /// A part's header was cut short by a delimiter line.
    public static let truncatedHeader = Defect.Kind("truncatedHeader")
    /// Nesting went past `ParserOptions.maxNestingDepth`; the entity is read as a leaf.
    public static let nestingTooDeep = Defect.Kind("nestingTooDeep")
    /// More entities than `ParserOptions.maxParts`; the rest is read as epilogue.
    public static let tooManyParts = Defect.Kind("tooManyParts")
    /// A line longer than `ParserOptions.maxLineLength`.
    public static let lineTooLong = Defect.Kind("lineTooLong")
    /// A header field longer than `ParserOptions.maxFieldBytes`.
    public static let fieldTooLong = Defect.Kind("fieldTooLong")
    /// More header fields than `ParserOptions.maxFieldsPerHeader`.
    public static let tooManyFields = Defect.Kind("tooManyFields")
    /// An mbox envelope line (`From ` or `>From `) at the start of an encapsulated message's header.
    public static let envelopeInHeader = Defect.Kind("envelopeInHeader")
    /// An encapsulated message with a transfer encoding other than 7bit/8bit/binary
    /// (RFC 2046 §5.2.1 forbids it); its body is kept as an opaque leaf.
    public static let encodedMessage = Defect.Kind("encodedMessage")
    /// The input ends inside a header.
    public static let unterminatedHeader = Defect.Kind("unterminatedHeader")
}
