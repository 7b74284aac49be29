/// A parsed message: a flat, depth-first array of parts over the source bytes, which stay where
/// they are. Bodies stay transfer-encoded until asked; only the structural fields
/// (Content-Type, Content-Transfer-Encoding, Content-Disposition) are interpreted up front.
///
/// Parsing is total (`init(parsing:)` never fails): whatever the input, every byte belongs to
/// some field, blank line, body, preamble, epilogue or delimiter, and `write` reproduces it.
public struct Message: Sendable {
    /// The bytes the message was parsed from.
    public let source: ByteView
    /// The mbox `From ` line before the header, if the input started with one.
    public internal(set) var envelope: Range<Int>?
    /// Every entity, depth-first: `parts[0]` is the message itself.
    public internal(set) var parts: [Part]
    /// Every header field of every part, in source order; `Part.fieldRange` indexes into it.
    public internal(set) var fields: [HeaderField]
    /// Defects not attached to any part.
    public internal(set) var defects: [Defect] = []

    /// The message itself.
    public var root: Part { parts[0] }

    /// The part with this ID.
    public subscript(id: Part.ID) -> Part { parts[id.rawValue] }

    /// The header fields of a part, in order.
    public func fields(of id: Part.ID) -> ArraySlice<HeaderField> { fields[parts[id.rawValue].fieldRange] }

    /// The first field of a part named `name` (case-insensitive).
    public func field(_ name: String, in id: Part.ID = .root) -> HeaderField? {
        fields(of: id).first { $0.hasName(name) }
    }

    /// The direct children of a part: body parts of a multipart, the message inside a message part.
    public func children(of id: Part.ID) -> [Part.ID] {
        var result: [Part.ID] = []
        var j = id.rawValue + 1
        let end = parts[id.rawValue].subtreeEnd
        while j < end {
            result.append(Part.ID(rawValue: j))
            j = parts[j].subtreeEnd
        }
        return result
    }

    /// Every defect, of the message and of its parts, ordered by offset.
    public var allDefects: [Defect] {
        (defects + parts.flatMap(\.defects)).sorted { $0.offset < $1.offset }
    }

    /// The raw body bytes of a part (still transfer-encoded), as a view of the source.
    public func body(of id: Part.ID) -> ByteView { source[parts[id.rawValue].bodyRange] }

    /// The raw header bytes of a part as in the source, blank line included.
    public func header(of id: Part.ID) -> ByteView { source[parts[id.rawValue].headerRange] }

    /// The whole entity (header and body) as in the source.
    public func entity(of id: Part.ID) -> ByteView { source[parts[id.rawValue].entityRange] }
}

extension Message {
    /// Parses `source`, leniently and totally: malformed input gives a result plus defects.
    public init(parsing source: ByteView, options: ParserOptions = ParserOptions()) {
        self.source = source
        self.envelope = nil
        self.parts = []
        self.fields = []
        source.withUnsafeBytes { input in
            var builder = MessageBuilder(source: source, options: options)
            builder.run(input: input, base: source.startIndex)
            self.envelope = builder.envelope
            self.parts = builder.parts
            self.fields = builder.fields
            self.defects = builder.looseDefects
        }
    }

    /// Parses a copy of `bytes`.
    public init(parsing bytes: [UInt8], options: ParserOptions = ParserOptions()) {
        self.init(parsing: ByteView(ByteStorage(bytes)), options: options)
    }
}

/// Builds `Message` from `MIMEReader` events over a whole, contiguous input.
struct MessageBuilder {
    let source: ByteView
    var reader: MIMEReader
    var envelope: Range<Int>? = nil
    var parts: [Part] = []
    var fields: [HeaderField] = []
    var looseDefects: [Defect] = []
    /// The innermost open entity (an index into `parts`); its ancestors are reached by `parent`.
    var open: Int? = nil
    /// The first Content-Disposition field of the header being read (an index into `fields`).
    var dispositionField: Int? = nil

    init(source: ByteView, options: ParserOptions) {
        self.source = source
        self.reader = MIMEReader(options: options, keepingBytes: false)
        self.reader.finish()
        // Real headers have 10–30 fields: one allocation instead of a doubling series from 1.
        fields.reserveCapacity(32)
    }

    mutating func run(input: UnsafeRawBufferPointer, base: Int) {
        while let event = reader.next(wholeInput: input, base: base) {
            handle(event, input: input, base: base)
        }
    }

    mutating func handle(_ event: MIMEReader.Event, input: UnsafeRawBufferPointer, base: Int) {
        switch event {
        case .envelope(let segment):
            if let i = open { addLeadingLine(segment.range, to: i) } else { envelope = segment.range }
        case .ignoredLine(let segment):
            addLeadingLine(segment.range, to: open!)
        case .entityBegin(let offset):
            let parent = open.map { Part.ID(rawValue: $0) }
            let depth = open.map { parts[$0].depth + 1 } ?? 0
            var part = Part(id: Part.ID(rawValue: parts.count), parent: parent, depth: depth, headerStart: offset)
            part.fieldRange = fields.count..<fields.count
            open = parts.count
            parts.append(part)
            dispositionField = nil
        case .field(let segment, let colon):
            // Content-Disposition is the one structural field the reader leaves to us: note it as it passes
            // (only a name of at least its 19 bytes can be it).
            if dispositionField == nil, colon - segment.range.lowerBound >= 19 {
                let start = segment.range.lowerBound - base
                let raw = UnsafeRawBufferPointer(rebasing: input[start..<(colon + 1 - base)])
                if HeaderField.name(of: raw, colon: colon - segment.range.lowerBound, equals: "content-disposition") {
                    dispositionField = fields.count
                }
            }
            fields.append(HeaderField(raw: source[segment.range], colon: colon))
            parts[open!].fieldRange = parts[open!].fieldRange.lowerBound..<fields.count
        case .headerEnd(let segment, let structure):
            let i = open!
            parts[i].blankLine = segment.range
            parts[i].bodyStart = segment.range.upperBound
            parts[i].bodyEnd = segment.range.upperBound
            parts[i].mediaType = structure.mediaType
            parts[i].mediaTypeIsExplicit = structure.mediaTypeIsExplicit
            parts[i].transferEncoding = structure.transferEncoding
            switch structure.kind {
            case .leaf: parts[i].kind = .leaf
            case .multipart: parts[i].kind = .multipart
            case .message: parts[i].kind = .message
            }
            if let index = dispositionField {
                parts[i].disposition = disposition(fields[index], input: input, base: base)
            }
        case .body:
            break
        case .preamble(let segment):
            let i = open!
            parts[i].preamble = (parts[i].preamble?.lowerBound ?? segment.range.lowerBound)..<segment.range.upperBound
        case .epilogue(let segment):
            let i = open!
            parts[i].epilogue = (parts[i].epilogue?.lowerBound ?? segment.range.lowerBound)..<segment.range.upperBound
        case .delimiter(let segment, _):
            parts[open!].delimiters.append(segment.range)
        case .entityEnd(let offset):
            let i = open!
            open = parts[i].parent?.rawValue
            parts[i].bodyEnd = max(offset, parts[i].bodyStart)
            parts[i].subtreeEnd = parts.count
        case .defect(let defect):
            if let i = open { parts[i].defects.append(defect) } else { looseDefects.append(defect) }
        }
    }

    mutating func addLeadingLine(_ range: Range<Int>, to i: Int) {
        parts[i].leadingLines = (parts[i].leadingLines?.lowerBound ?? range.lowerBound)..<range.upperBound
    }

    /// Content-Disposition is structural: the part's first such field is parsed as soon as the header is
    /// complete.
    func disposition(_ field: HeaderField, input: UnsafeRawBufferPointer, base: Int) -> ContentDisposition? {
        let value = UnsafeRawBufferPointer(rebasing: input[(field.colon + 1 - base)..<(field.raw.endIndex - base)])
        var defects: [Defect] = []
        return ContentDisposition(parsing: value, defects: &defects)
    }
}
