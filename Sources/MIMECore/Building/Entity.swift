/// A header field for a writer to create: a name and a typed value.
public struct NewField: Sendable, Hashable {
    /// The field name as it will be written (`Subject`, `X-Mailer`).
    public var name: String
    /// The value, encoded and folded by its kind when written.
    public var value: FieldValue

    public init(_ name: String, _ value: FieldValue) {
        self.name = name
        self.value = value
    }
}

/// A MIME entity to write (RFC 2045 §2.4): its content header fields and a body that is
/// content, a list of body parts, or an encapsulated message. Entities nest without limit.
///
/// The convenience constructors cover the usual shapes. HTML with a plain-text alternative
/// (mirrored by `BuildingDocExampleTests.htmlAndText`):
///
/// ```swift
/// let body = Entity.alternative([.text("Hello, *world*"), .html("<p>Hello, <b>world</b></p>")])
/// let draft = MessageDraft(from: sender, to: [recipient], subject: "Hi", body: body)
/// ```
///
/// An attachment with a non-ASCII name (mirrored by `BuildingDocExampleTests.attachment`):
///
/// ```swift
/// let pdf: [UInt8] = Array("%PDF-1.4 …".utf8)
/// let body = Entity.mixed([
///     .text("The report is attached."),
///     .attachment(pdf, type: MediaType(type: "application", subtype: "pdf"), filename: "Bericht Q3 – Köln.pdf"),
/// ])
/// // Content-Disposition: attachment; filename*=utf-8''Bericht%20Q3%20%E2%80%93%20K%C3%B6ln.pdf
/// // Content-Type: application/pdf; name="=?utf-8?b?…?="   (for mailers without RFC 2231)
/// ```
public struct Entity: Sendable, Hashable {
    /// What the body is.
    public indirect enum Body: Sendable, Hashable {
        /// Decoded content; the writer picks the transfer encoding.
        case content([UInt8])
        /// Body parts of a multipart.
        case parts([Entity])
        /// A message to encapsulate (message/rfc822), built as well.
        case message(MessageDraft)
        /// An existing message to encapsulate, written byte for byte.
        case messageBytes([UInt8])
    }

    /// The media type. For a multipart the writer adds `boundary`; parameters given are kept.
    public var mediaType: MediaType
    /// `inline` or `attachment` (RFC 2183), when the entity needs a Content-Disposition.
    public var disposition: String?
    /// The filename: RFC 2231 `filename*=utf-8''…` when it is not plain ASCII, with an RFC 2047
    /// `name=` fallback on Content-Type for mailers that ignore RFC 2231.
    public var filename: String?
    /// Content-ID (RFC 2392), for `cid:` references from a multipart/related root.
    public var contentID: MessageID?
    /// A transfer encoding to use instead of the one the writer would choose.
    public var transferEncoding: TransferEncoding?
    /// More fields (Content-Description, Content-Language, X-…), written after the others.
    public var extraFields: [NewField]
    /// The body.
    public var body: Body

    public init(
        mediaType: MediaType, body: Body, disposition: String? = nil, filename: String? = nil,
        contentID: MessageID? = nil, transferEncoding: TransferEncoding? = nil, extraFields: [NewField] = []
    ) {
        self.mediaType = mediaType
        self.body = body
        self.disposition = disposition
        self.filename = filename
        self.contentID = contentID
        self.transferEncoding = transferEncoding
        self.extraFields = extraFields
    }

    /// Whether the writer treats the content as text: line breaks are lines, so
    /// quoted-printable may be chosen.
    var isText: Bool { mediaType.type == "text" }

    // MARK: Shapes

    /// A text part: `text` with its line breaks made CRLF (the canonical form, RFC 2046 §4.1.1),
    /// `charset=us-ascii` when ASCII, else `utf-8`.
    public static func text(_ text: String, subtype: String = "plain") -> Entity {
        let content = canonicalLineBreaks(Array(text.utf8))
        let charset = content.allSatisfy { $0 < 0x80 } ? "us-ascii" : "utf-8"
        return Entity(
            mediaType: MediaType(type: "text", subtype: subtype, parameters: [Parameter(name: "charset", value: charset)]),
            body: .content(content))
    }

    /// An HTML part (`text/html`).
    public static func html(_ html: String) -> Entity { text(html, subtype: "html") }

    /// An attachment: `data` as it is, of type `type`, `Content-Disposition: attachment` with
    /// `filename`. With `inline: true` and a `contentID`, an inline image for multipart/related.
    public static func attachment(
        _ data: [UInt8], type: MediaType = .applicationOctetStream, filename: String? = nil,
        inline: Bool = false, contentID: MessageID? = nil
    ) -> Entity {
        Entity(mediaType: type, body: .content(data), disposition: inline ? "inline" : "attachment",
               filename: filename, contentID: contentID)
    }

    /// A multipart with the given subtype.
    public static func multipart(_ subtype: String, _ parts: [Entity]) -> Entity {
        Entity(mediaType: MediaType(type: "multipart", subtype: subtype), body: .parts(parts))
    }

    /// multipart/mixed: a body and its attachments.
    public static func mixed(_ parts: [Entity]) -> Entity { multipart("mixed", parts) }

    /// multipart/alternative: the same content in increasingly preferred forms, plain first.
    public static func alternative(_ parts: [Entity]) -> Entity { multipart("alternative", parts) }

    /// multipart/related (RFC 2387): `root` (usually HTML) and the resources it refers to by
    /// `cid:`, with `type` set to the root's media type.
    public static func related(_ root: Entity, _ resources: [Entity]) -> Entity {
        var entity = multipart("related", [root] + resources)
        entity.mediaType.parameters.append(Parameter(name: "type", value: root.mediaType.description))
        return entity
    }

    /// An encapsulated message (message/rfc822) built by `message`.
    public static func message(_ message: MessageDraft, disposition: String? = nil) -> Entity {
        Entity(mediaType: .messageRFC822, body: .message(message), disposition: disposition)
    }

    /// An encapsulated message (message/rfc822) given as its bytes, written unchanged.
    public static func message(bytes: [UInt8], disposition: String? = nil) -> Entity {
        Entity(mediaType: .messageRFC822, body: .messageBytes(bytes), disposition: disposition)
    }

    /// LF or lone CR become CRLF.
    static func canonicalLineBreaks(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 32)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0D {
                out += [0x0D, 0x0A]
                i += i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
                continue
            }
            if b == 0x0A { out += [0x0D, 0x0A] } else { out.append(b) }
            i += 1
        }
        return out
    }
}
