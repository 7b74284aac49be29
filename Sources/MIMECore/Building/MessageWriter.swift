/// Writes `MessageDraft`s as RFC 5322 / MIME bytes to a `ByteSink`, part by part, so a large
/// message streams to a file without being built in memory first. Line breaks are CRLF.
///
/// Everything that varies comes from the writer: the clock for `Date`, the random generator for
/// boundaries and Message-IDs, the transport target for transfer encodings. With a seeded
/// generator and a fixed clock the output is deterministic.
public struct MessageWriter {
    /// What the transport can carry; bounds the transfer encodings chosen.
    public var target: TransportTarget
    /// The time for a `Date` field the message lacks.
    public var clock: () -> DateTime
    /// The source of boundaries and Message-IDs.
    public var random: any RandomNumberGenerator

    /// A writer. MIMECore has no clock of its own (no platform imports), so the caller gives one.
    public init(
        target: TransportTarget = .sevenBitOnly, clock: @escaping () -> DateTime,
        random: any RandomNumberGenerator = SystemRandomNumberGenerator()
    ) {
        self.target = target
        self.clock = clock
        self.random = random
    }

    static let crlf: [UInt8] = [13, 10]
    private static let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

    /// `count` random characters from [0-9a-z].
    mutating func randomToken(_ count: Int) -> String {
        var out: [UInt8] = []
        for _ in 0..<count { out.append(Self.alphabet[Int(random.next() % 36)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// A fresh Message-ID at `domain`: 24 random characters, about 124 bits.
    public mutating func newMessageID(domain: String) -> MessageID {
        MessageID(randomToken(24) + "@" + domain)
    }

    /// The message as bytes.
    public mutating func bytes(_ message: MessageDraft) -> [UInt8] {
        var out: [UInt8] = []
        write(message, to: &out)
        return out
    }

    /// Writes `message`: its fields, `Date`, `Message-ID` and `MIME-Version` where missing,
    /// then the content entity.
    public mutating func write<Sink: ByteSink>(_ message: MessageDraft, to sink: inout Sink) {
        var fields = message.fields
        if message.field("Date") == nil { fields.insert(NewField("Date", .date(clock())), at: 0) }
        if message.field("Message-ID") == nil {
            fields.append(NewField("Message-ID", .messageIDs([newMessageID(domain: message.idDomain)])))
        }
        if message.field("MIME-Version") == nil { fields.append(NewField("MIME-Version", .raw("1.0"))) }
        for field in fields { Self.put(FieldFolding.field(field.name, field.value), to: &sink) }
        writeEntity(message.content, to: &sink)
    }

    /// Writes one entity: content fields, blank line, body.
    public mutating func writeEntity<Sink: ByteSink>(_ entity: Entity, to sink: inout Sink) {
        switch entity.body {
        case .content(let content):
            let encoding = entity.transferEncoding
                ?? BodyAnalysis(content).transferEncoding(isText: entity.isText, target: target)
            Self.put(contentFields(entity, boundary: nil, encoding: encoding), to: &sink)
            Self.put(Self.crlf, to: &sink)
            Self.writeBody(content, encoding: encoding, to: &sink)
        case .parts(let parts):
            let boundary = newBoundary(avoiding: entity)
            Self.put(contentFields(entity, boundary: boundary, encoding: nil), to: &sink)
            Self.put(Self.crlf, to: &sink)
            let delimiter = Array("--\(boundary)".utf8)
            for (k, part) in parts.enumerated() {
                if k > 0 { Self.put(Self.crlf, to: &sink) }
                Self.put(delimiter + Self.crlf, to: &sink)
                writeEntity(part, to: &sink)
            }
            Self.put((parts.isEmpty ? [] : Self.crlf) + delimiter + Array("--".utf8) + Self.crlf, to: &sink)
        case .message(let inner):
            // RFC 2046 §5.2.1: message/rfc822 is 7bit, 8bit or binary; the inner message's
            // own parts are encoded for the same target, so it is 7bit where they are.
            let encoding: TransferEncoding = target.allowsEightBit ? .eightBit : .sevenBit
            Self.put(contentFields(entity, boundary: nil, encoding: encoding), to: &sink)
            Self.put(Self.crlf, to: &sink)
            write(inner, to: &sink)
        case .messageBytes(let bytes):
            let analysis = BodyAnalysis(bytes)
            let encoding: TransferEncoding = analysis.eightBitCount == 0 ? .sevenBit
                : analysis.nulCount == 0 && analysis.longestLine <= 998 ? .eightBit : .binary
            Self.put(contentFields(entity, boundary: nil, encoding: encoding), to: &sink)
            Self.put(Self.crlf, to: &sink)
            Self.put(bytes, to: &sink)
        }
    }

    /// Content-Type, Content-Transfer-Encoding (omitted for 7bit), Content-Disposition,
    /// Content-ID and the extra fields.
    func contentFields(_ entity: Entity, boundary: String?, encoding: TransferEncoding?) -> [UInt8] {
        var out: [UInt8] = []
        var parameters = entity.mediaType.parameters.filter { $0.name.lowercased() != "boundary" }
            .map { ($0.name, $0.value) }
        if let boundary { parameters.append(("boundary", boundary)) }
        let fallback = entity.filename.flatMap { entity.mediaType.parameter("name") == nil ? $0 : nil }
        let type = MIMEParameters.headerText(entity.mediaType.description, parameters, nameFallback: fallback)
        out += FieldFolding.field("Content-Type", .raw(type))
        if let encoding, encoding != .sevenBit {
            out += FieldFolding.field("Content-Transfer-Encoding", .raw(encoding.rawValue))
        }
        if entity.disposition != nil || entity.filename != nil {
            let filename = entity.filename.map { [("filename", $0)] } ?? []
            let text = MIMEParameters.headerText(entity.disposition ?? "attachment", filename)
            out += FieldFolding.field("Content-Disposition", .raw(text))
        }
        if let id = entity.contentID { out += FieldFolding.field("Content-ID", .messageIDs([id])) }
        for field in entity.extraFields { out += FieldFolding.field(field.name, field.value) }
        return out
    }

    /// Writes content in `encoding`, in chunks so a large body is never held twice.
    static func writeBody<Sink: ByteSink>(
        _ content: [UInt8], encoding: TransferEncoding, lineEnding: LineEnding = .crlf, to sink: inout Sink
    ) {
        content.withUnsafeBytes { all in
            switch encoding {
            case .base64:
                var encoder = Base64Encoder(lineEnding: lineEnding)
                encodeInChunks(all, to: &sink, encode: { encoder.encode($0, into: &$1) }, finish: { encoder.finish(into: &$0) })
            case .quotedPrintable:
                var encoder = QuotedPrintableEncoder(lineEnding: lineEnding)
                encodeInChunks(all, to: &sink, encode: { encoder.encode($0, into: &$1) }, finish: { encoder.finish(into: &$0) })
            default:
                sink.write(all)
            }
        }
    }

    /// Feeds `all` to a streaming encoder 48 KiB at a time, writing each piece as it comes.
    private static func encodeInChunks<Sink: ByteSink>(
        _ all: UnsafeRawBufferPointer, to sink: inout Sink,
        encode: (UnsafeRawBufferPointer, inout [UInt8]) -> Void, finish: (inout [UInt8]) -> Void
    ) {
        let chunk = 48 * 1024
        var buffer: [UInt8] = []
        var start = 0
        while start < all.count {
            let end = min(all.count, start + chunk)
            buffer.removeAll(keepingCapacity: true)
            encode(UnsafeRawBufferPointer(rebasing: all[start..<end]), &buffer)
            put(buffer, to: &sink)
            start = end
        }
        buffer.removeAll(keepingCapacity: true)
        finish(&buffer)
        put(buffer, to: &sink)
    }

    /// A boundary (RFC 2046 §5.1.1) that appears nowhere in the entity's subtree, regenerated
    /// until it does not. `=_` starts it because neither base64 nor quoted-printable output can
    /// contain that pair; the fixed length means no boundary is a prefix of another.
    mutating func newBoundary(avoiding entity: Entity) -> String {
        while true {
            let boundary = "=_" + randomToken(28)
            if !Self.subtree(entity, contains: Array(boundary.utf8)) { return boundary }
        }
    }

    /// Whether `needle` occurs in any content, raw message or field text below `entity`
    /// (conservatively including content that will be base64-encoded).
    static func subtree(_ entity: Entity, contains needle: [UInt8]) -> Bool {
        if let filename = entity.filename, occurs(needle, in: Array(filename.utf8)) { return true }
        for field in entity.extraFields where occurs(needle, in: Array(field.value.headerText.utf8)) { return true }
        if entity.mediaType.parameters.contains(where: { occurs(needle, in: Array($0.value.utf8)) }) { return true }
        switch entity.body {
        case .content(let bytes), .messageBytes(let bytes):
            return occurs(needle, in: bytes)
        case .parts(let parts):
            return parts.contains { subtree($0, contains: needle) }
        case .message(let inner):
            if inner.fields.contains(where: { occurs(needle, in: Array($0.value.headerText.utf8)) }) { return true }
            return subtree(inner.content, contains: needle)
        }
    }

    /// Whether `needle` occurs in `haystack` (first-byte scan; boundaries are short).
    static func occurs(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first, haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }

    static func put<Sink: ByteSink>(_ bytes: [UInt8], to sink: inout Sink) {
        bytes.withUnsafeBytes { sink.write($0) }
    }
}
