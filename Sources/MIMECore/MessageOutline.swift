/// A message's part tree built while streaming, for inputs too large to hold: the same `Part`
/// values `Message` has (offsets, media types, dispositions, defects) plus each body's line
/// count, in memory proportional to the number of parts, not the size of the message.
///
/// Feed chunks of any size; the outline does not depend on the chunking.
public struct MessageOutline: Sendable {
    /// Every entity, depth-first, as in `Message.parts`.
    public internal(set) var parts: [Part] = []
    /// Each part's body line count (IMAP BODYSTRUCTURE: line breaks, plus a final partial line).
    public internal(set) var bodyLines: [Int] = []
    /// Defects not attached to a part.
    public internal(set) var defects: [Defect] = []
    /// The mbox envelope line, if the input started with one.
    public internal(set) var envelope: Range<Int>? = nil
    /// The number of bytes read.
    public internal(set) var size = 0

    /// Builds an outline from chunks.
    public struct Builder: Sendable {
        var reader: MIMEReader
        var outline = MessageOutline()
        var open: [Int] = []
        /// Line breaks seen so far, and whether the last byte seen was one.
        var lineBreaks = 0
        var lastWasLF = true
        /// Line breaks before each open part's body, and whether its body has any byte yet.
        var startBreaks: [Int] = []

        public init(options: ParserOptions = ParserOptions()) {
            reader = MIMEReader(options: options, keepingBytes: true)
        }

        public mutating func feed(_ chunk: UnsafeRawBufferPointer) {
            outline.size += chunk.count
            reader.feed(chunk)
            drain()
        }

        public mutating func finish() -> MessageOutline {
            reader.finish()
            drain()
            return outline
        }

        mutating func drain() {
            while let event = reader.next() { handle(event) }
        }

        mutating func count(_ segment: MIMEReader.Segment) {
            guard let bytes = segment.bytes, let last = bytes.last else { return }
            for b in bytes where b == 0x0A { lineBreaks += 1 }
            lastWasLF = last == 0x0A
        }

        mutating func handle(_ event: MIMEReader.Event) {
            switch event {
            case .envelope(let s):
                count(s)
                if let i = open.last {
                    outline.parts[i].leadingLines = (outline.parts[i].leadingLines?.lowerBound ?? s.range.lowerBound)..<s.range.upperBound
                } else {
                    outline.envelope = s.range
                }
            case .ignoredLine(let s):
                count(s)
                if let i = open.last {
                    outline.parts[i].leadingLines = (outline.parts[i].leadingLines?.lowerBound ?? s.range.lowerBound)..<s.range.upperBound
                }
            case .entityBegin(let offset):
                let parent = open.last.map { Part.ID(rawValue: $0) }
                open.append(outline.parts.count)
                outline.parts.append(Part(id: Part.ID(rawValue: outline.parts.count), parent: parent,
                                          depth: open.count - 1, headerStart: offset))
                outline.bodyLines.append(0)
                startBreaks.append(0)
            case .field(let s, let colon):
                count(s)
                let i = open.last!
                if outline.parts[i].disposition == nil, let bytes = s.bytes,
                   Self.isDisposition(bytes, nameLength: colon - s.range.lowerBound) {
                    var defects: [Defect] = []
                    let value = Array(bytes[(colon - s.range.lowerBound + 1)...])
                    outline.parts[i].disposition = value.withUnsafeBytes { ContentDisposition(parsing: $0, defects: &defects) }
                }
            case .headerEnd(let s, let structure):
                count(s)
                let i = open.last!
                outline.parts[i].blankLine = s.range
                outline.parts[i].bodyStart = s.range.upperBound
                outline.parts[i].bodyEnd = s.range.upperBound
                outline.parts[i].mediaType = structure.mediaType
                outline.parts[i].mediaTypeIsExplicit = structure.mediaTypeIsExplicit
                outline.parts[i].transferEncoding = structure.transferEncoding
                switch structure.kind {
                case .leaf: outline.parts[i].kind = .leaf
                case .multipart: outline.parts[i].kind = .multipart
                case .message: outline.parts[i].kind = .message
                }
                startBreaks[startBreaks.count - 1] = lineBreaks
            case .body(let s), .preamble(let s), .epilogue(let s):
                count(s)
            case .delimiter(let s, _):
                let i = open.last!
                outline.parts[i].delimiters.append(s.range)
                count(s)
            case .entityEnd(let offset):
                let i = open.removeLast()
                let breaks = startBreaks.removeLast()
                outline.parts[i].bodyEnd = max(offset, outline.parts[i].bodyStart)
                outline.parts[i].subtreeEnd = outline.parts.count
                let empty = outline.parts[i].bodyRange.isEmpty
                outline.bodyLines[i] = empty ? 0 : lineBreaks - breaks + (lastWasLF ? 0 : 1)
            case .defect(let d):
                if let i = open.last { outline.parts[i].defects.append(d) } else { outline.defects.append(d) }
            }
        }

        static func isDisposition(_ bytes: [UInt8], nameLength: Int) -> Bool {
            let name = Array("content-disposition".utf8)
            var n = nameLength
            while n > 0, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x09 { n -= 1 }
            guard n == name.count else { return false }
            for k in 0..<n where HeaderField.lower(bytes[k]) != name[k] { return false }
            return true
        }
    }
}
