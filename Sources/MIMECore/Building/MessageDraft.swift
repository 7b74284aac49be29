/// A new message: its header fields and its content. `MessageWriter` turns it into bytes,
/// filling in what RFC 5322 §3.6 requires (`Date`, `Message-ID`) and `MIME-Version`.
///
/// A plain text message (mirrored by `BuildingDocExampleTests.plainMessage`):
///
/// ```swift
/// let draft = MessageDraft(
///     from: Mailbox(displayName: "Zoë", localPart: "zoe", domain: "example.org"),
///     to: [Mailbox(localPart: "bob", domain: "example.com")],
///     subject: "Café at noon?",
///     body: .text("See you there.\n"))
/// let now = DateTime(year: 2026, month: 11, day: 29, hour: 12, minute: 0)
/// var writer = MessageWriter(clock: { now }, random: SeededRandom(seed: 1))
/// let bytes = writer.bytes(draft)
/// // Date, Message-ID <…@example.org> and MIME-Version: 1.0 are filled in;
/// // the body is 7bit, the Subject an RFC 2047 word.
/// ```
public struct MessageDraft: Sendable, Hashable {
    /// Header fields in the order they are written, before the generated ones.
    public var fields: [NewField]
    /// The content (Content-Type and the body).
    public var content: Entity
    /// The domain for a generated Message-ID; by default the From address's domain.
    public var messageIDDomain: String?

    public init(fields: [NewField] = [], content: Entity, messageIDDomain: String? = nil) {
        self.fields = fields
        self.content = content
        self.messageIDDomain = messageIDDomain
    }

    /// A message from `from` to `to` (and `cc`) with `subject`.
    public init(
        from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], subject: String, body: Entity,
        messageIDDomain: String? = nil
    ) {
        var fields = [NewField("From", .addresses([.mailbox(from)]))]
        if !to.isEmpty { fields.append(NewField("To", .addresses(to.map { .mailbox($0) }))) }
        if !cc.isEmpty { fields.append(NewField("Cc", .addresses(cc.map { .mailbox($0) }))) }
        fields.append(NewField("Subject", .text(subject)))
        self.init(fields: fields, content: body, messageIDDomain: messageIDDomain)
    }

    /// The first field named `name` (case-insensitive).
    public func field(_ name: String) -> FieldValue? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets `name` to `value`: replaces the first field of that name, or appends one.
    public mutating func setField(_ name: String, _ value: FieldValue) {
        if let i = fields.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) {
            fields[i].value = value
        } else {
            fields.append(NewField(name, value))
        }
    }

    /// The domain for a Message-ID: the given one, else the first From mailbox's domain when it
    /// is a plausible host name (a dot-atom with a dot), else `localhost.invalid` (RFC 2606).
    var idDomain: String {
        if let messageIDDomain, !messageIDDomain.isEmpty { return messageIDDomain }
        if case .addresses(let list)? = field("From"), let domain = list.first?.mailboxes.first?.domain,
            domain.contains("."), Mailbox.isDotAtom(domain), domain.utf8.allSatisfy({ $0 < 0x80 })
        {
            return domain
        }
        return "localhost.invalid"
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a small seeded generator, so boundaries and
/// Message-IDs are reproducible in tests. Not for secrets.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
