/// Structural edits of a parsed message: new bodies, added and removed parts. Each edit writes
/// the message from its model with the change applied, then reads the result again, so `parts`
/// and offsets stay true. Everything the edit does not touch is written from its source bytes
/// and so comes out identical.
extension Message {
    /// Changes to apply while writing.
    struct Rewrite {
        /// Part index → its new (already encoded) body.
        var bodies: [Int: [UInt8]] = [:]
        /// Parts to leave out (children of a multipart).
        var removed: Set<Int> = []
        /// Multipart index → whole entities to add after its last child.
        var appended: [Int: [[UInt8]]] = [:]
    }

    /// The message written with `edits` applied.
    func rewritten(_ edits: Rewrite) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count)
        if let envelope { out += source[envelope].bytes }
        rewriteEntity(.root, edits, into: &out)
        return out
    }

    private func rewriteEntity(_ id: Part.ID, _ edits: Rewrite, into out: inout [UInt8]) {
        let part = parts[id.rawValue]
        if let leading = part.leadingLines { out += source[leading].bytes }
        for field in fields[part.fieldRange] { out += field.raw.bytes }
        out += source[part.blankLine].bytes
        rewriteBody(id, edits, into: &out)
    }

    /// The body of `id` with the edits: the part's new body, or its children re-emitted.
    func rewriteBody(_ id: Part.ID, _ edits: Rewrite, into out: inout [UInt8]) {
        let part = parts[id.rawValue]
        switch part.kind {
        case .leaf:
            out += edits.bodies[id.rawValue] ?? source[part.bodyRange].bytes
        case .message:
            if let child = children(of: id).first { rewriteEntity(child, edits, into: &out) }
            else { out += source[part.bodyRange].bytes }
        case .multipart:
            if let preamble = part.preamble { out += source[preamble].bytes }
            let all = children(of: id)
            let kept = all.filter { !edits.removed.contains($0.rawValue) }
            let lineBreak = self.lineBreak(of: id)
            let delimiter = Array("--\(part.mediaType.parameter("boundary") ?? "")".utf8)
            // Kept children take the delimiters in order (they differ only in the line break
            // before them), so removing the first child keeps the first delimiter's form.
            for (k, child) in kept.enumerated() {
                out += k < part.delimiters.count ? source[part.delimiters[k]].bytes : lineBreak + delimiter + lineBreak
                rewriteEntity(child, edits, into: &out)
            }
            for entity in edits.appended[id.rawValue] ?? [] {
                out += (kept.isEmpty && part.preamble == nil ? [] : lineBreak) + delimiter + lineBreak
                out += entity
            }
            if part.delimiters.count > all.count {
                for d in part.delimiters[all.count...] { out += source[d].bytes }
            } else if edits.appended[id.rawValue] != nil {
                out += lineBreak + delimiter + Array("--".utf8) + lineBreak
            }
            if let epilogue = part.epilogue { out += source[epilogue].bytes }
        }
    }

    /// The boundaries of the multiparts enclosing `id`.
    func enclosingBoundaries(of id: Part.ID) -> [[UInt8]] {
        var out: [[UInt8]] = []
        var current = parts[id.rawValue].parent
        while let p = current {
            if let b = parts[p.rawValue].mediaType.parameter("boundary") { out.append(Array("--\(b)".utf8)) }
            current = parts[p.rawValue].parent
        }
        return out
    }

    /// Replaces the content of leaf part `id` with `content` (decoded bytes), choosing the
    /// transfer encoding for it and `target` and updating Content-Transfer-Encoding (and
    /// Content-Type when `mediaType` is given). Other parts and fields keep their bytes.
    public mutating func replaceBody(
        of id: Part.ID, with content: [UInt8], mediaType: MediaType? = nil, target: TransportTarget = .sevenBitOnly
    ) {
        guard parts[id.rawValue].kind == .leaf else { return }
        let type = mediaType ?? parts[id.rawValue].mediaType
        var encoding = BodyAnalysis(content).transferEncoding(isText: type.isText, target: target)
        // Content sent as it is must not hold an enclosing delimiter (RFC 2046 §5.1.1).
        if encoding.isIdentity, enclosingBoundaries(of: id).contains(where: { MessageWriter.occurs($0, in: content) }) {
            encoding = .base64
        }
        var body: [UInt8] = []
        let lineEnding: LineEnding = lineBreak(of: id) == [10] ? .lf : .crlf
        MessageWriter.writeBody(content, encoding: encoding, lineEnding: lineEnding, to: &body)
        if let mediaType {
            let parameters = mediaType.parameters.map { ($0.name, $0.value) }
            setField("Content-Type", .raw(MIMEParameters.headerText(mediaType.description, parameters)), in: id)
        }
        if encoding != .sevenBit || field("Content-Transfer-Encoding", in: id) != nil {
            setField("Content-Transfer-Encoding", .raw(encoding.rawValue), in: id)
        }
        var edits = Rewrite()
        edits.bodies[id.rawValue] = body
        self = Message(parsing: rewritten(edits))
    }

    /// Removes part `id` (a child of a multipart) with its subtree.
    public mutating func removePart(_ id: Part.ID) {
        guard let parent = parts[id.rawValue].parent, parts[parent.rawValue].kind == .multipart else { return }
        var edits = Rewrite()
        edits.removed = [id.rawValue]
        self = Message(parsing: rewritten(edits))
    }

    /// Adds `attachment` to the message: as a last child when the message is multipart/mixed,
    /// else by wrapping the current content into a new multipart/mixed whose first part is that
    /// content (its Content-* fields move along; the other fields stay at the top).
    ///
    /// ```swift
    /// var message = Message(parsing: bytes)
    /// var writer = MessageWriter(clock: { now }, random: SeededRandom(seed: 7))
    /// message.addAttachment(.attachment(pdf, filename: "Bericht.pdf"), using: &writer)
    /// ```
    public mutating func addAttachment(_ attachment: Entity, using writer: inout MessageWriter) {
        let root = parts[0]
        if root.kind == .multipart, root.mediaType.subtype == "mixed", let boundary = root.mediaType.parameter("boundary") {
            var bytes = Self.render(attachment, avoiding: Array("--\(boundary)".utf8), using: &writer)
            if lineBreak(of: .root) == [10] { bytes = Self.lfLineBreaks(bytes, target: writer.target) }
            var edits = Rewrite()
            edits.appended[0] = [bytes]
            self = Message(parsing: rewritten(edits))
            return
        }
        // Wrap: top-level fields, new Content-Type, then the old content as the first part.
        let current = serialized()
        var boundary = "=_" + writer.randomToken(28)
        var rendered = Self.render(attachment, avoiding: Array("--\(boundary)".utf8), using: &writer)
        while MessageWriter.occurs(Array(boundary.utf8), in: current) || MessageWriter.occurs(Array(boundary.utf8), in: rendered) {
            boundary = "=_" + writer.randomToken(28)
            rendered = Self.render(attachment, avoiding: Array("--\(boundary)".utf8), using: &writer)
        }
        let lineBreak = self.lineBreak(of: .root)
        if lineBreak == [10] { rendered = Self.lfLineBreaks(rendered, target: writer.target) }
        let delimiter = Array("--\(boundary)".utf8)
        var out: [UInt8] = []
        if let envelope { out += source[envelope].bytes }
        let rootFields = fields[root.fieldRange]
        let isContent = { (f: HeaderField) in f.name.lowercased().hasPrefix("content-") }
        for field in rootFields where !isContent(field) { out += field.raw.bytes }
        if !rootFields.contains(where: { $0.hasName("MIME-Version") }) {
            out += FieldFolding.field("MIME-Version", .raw("1.0"), lineBreak: lineBreak)
        }
        out += FieldFolding.field("Content-Type", .raw("multipart/mixed; boundary=\"\(boundary)\""), lineBreak: lineBreak)
        out += lineBreak + delimiter + lineBreak
        for field in rootFields where isContent(field) { out += field.raw.bytes }
        out += lineBreak
        rewriteBody(.root, Rewrite(), into: &out)
        out += lineBreak + delimiter + lineBreak + rendered
        out += lineBreak + delimiter + Array("--".utf8) + lineBreak
        self = Message(parsing: out)
    }

    /// `entity` as bytes, every content base64-encoded if it would otherwise contain `delimiter`.
    static func render(_ entity: Entity, avoiding delimiter: [UInt8], using writer: inout MessageWriter) -> [UInt8] {
        var bytes: [UInt8] = []
        writer.writeEntity(entity, to: &bytes)
        guard MessageWriter.occurs(delimiter, in: bytes) else { return bytes }
        bytes.removeAll()
        writer.writeEntity(forcingBase64(entity), to: &bytes)
        return bytes
    }

    /// A rendered entity with CRLF made LF, to match a message stored with LF line breaks (an
    /// mbox or Maildir file). Not for a binary target, where CRLF may be content.
    static func lfLineBreaks(_ bytes: [UInt8], target: TransportTarget) -> [UInt8] {
        guard !target.allowsBinary else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for (i, b) in bytes.enumerated() where !(b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
            out.append(b)
        }
        return out
    }

    private static func forcingBase64(_ entity: Entity) -> Entity {
        var copy = entity
        switch entity.body {
        case .content: copy.transferEncoding = .base64
        case .parts(let parts): copy.body = .parts(parts.map(forcingBase64))
        default: break
        }
        return copy
    }
}
