/// Replies and forwards (RFC 5322 §3.6.4): drafts that thread under a parsed message.
extension Message {
    /// The decoded text of the root field `name`, when present.
    func rootText(_ name: String) -> String? {
        guard let field = field(name) else { return nil }
        return HeaderValue.decodedText(name: name, raw: field.rawValue).text
    }

    /// The addresses in root fields named `name`.
    func rootAddresses(_ name: String) -> [Address] {
        var defects: [Defect] = []
        return fields(of: .root).filter { $0.hasName(name) }
            .flatMap { HeaderValue.addresses($0.rawValue, defects: &defects) }
    }

    /// The ids in the root field `name`.
    func rootIDs(_ name: String) -> [MessageID] {
        guard let field = field(name) else { return [] }
        var defects: [Defect] = []
        return HeaderValue.messageIDs(field.rawValue, defects: &defects)
    }

    /// In-Reply-To and References for a message answering this one (RFC 5322 §3.6.4): the
    /// parent's Message-ID; the parent's References (or, without them, its single In-Reply-To
    /// id) followed by the parent's Message-ID.
    public var threadingFields: [NewField] {
        let ids = rootIDs("Message-ID")
        var references = rootIDs("References")
        if references.isEmpty {
            let inReplyTo = rootIDs("In-Reply-To")
            if inReplyTo.count == 1 { references = inReplyTo }
        }
        references += ids
        var out: [NewField] = []
        if !ids.isEmpty { out.append(NewField("In-Reply-To", .messageIDs(ids))) }
        if !references.isEmpty { out.append(NewField("References", .messageIDs(references))) }
        return out
    }

    /// `Re: subject`, without stacking: leading `Re:`, `RE:`, `Re[2]:` (any number) are
    /// removed first.
    public static func replySubject(_ subject: String) -> String {
        "Re: " + strippingPrefixes(subject, ["re"])
    }

    /// `Fwd: subject`, without stacking `Fwd:` / `Fw:`.
    public static func forwardSubject(_ subject: String) -> String {
        "Fwd: " + strippingPrefixes(subject, ["fwd", "fw"])
    }

    private static func strippingPrefixes(_ subject: String, _ prefixes: [String]) -> String {
        var rest = Substring(subject)
        outer: while true {
            rest = rest.drop { $0 == " " || $0 == "\t" }
            let lower = rest.lowercased()
            for prefix in prefixes where lower.hasPrefix(prefix) {
                var after = rest.dropFirst(prefix.count)
                if after.first == "[" {
                    let digits = after.dropFirst().prefix { $0.isASCII && $0.isNumber }
                    if !digits.isEmpty, after.dropFirst(1 + digits.count).first == "]" {
                        after = after.dropFirst(2 + digits.count)
                    }
                }
                if after.first == ":" {
                    rest = after.dropFirst()
                    continue outer
                }
            }
            return String(rest)
        }
    }

    /// A reply to this message from `sender`: To is Reply-To (else From); with `all`, Cc is
    /// the original To and Cc without the sender; Subject `Re: …`; In-Reply-To and References
    /// set.
    ///
    /// Mirrored by `BuildingDocExampleTests.reply`:
    ///
    /// ```swift
    /// let original = Message(parsing: Array("From: Ann <ann@example.org>\r\nSubject: Re: Lunch\r\nMessage-ID: <1@example.org>\r\n\r\nNoon?\r\n".utf8))
    /// let draft = original.reply(from: Mailbox(localPart: "bob", domain: "example.com"), body: .text("Yes!"))
    /// // To: Ann <ann@example.org>, Subject: Re: Lunch (not Re: Re:),
    /// // In-Reply-To: <1@example.org>, References: <1@example.org>
    /// let bytes = writer.bytes(draft)
    /// ```
    public func reply(from sender: Mailbox, body: Entity, all: Bool = false) -> MessageDraft {
        let replyTo = rootAddresses("Reply-To")
        let to = replyTo.isEmpty ? rootAddresses("From") : replyTo
        var fields = [NewField("From", .addresses([.mailbox(sender)])), NewField("To", .addresses(to))]
        if all {
            let seen = Set(to.flatMap(\.mailboxes).map { $0.address.lowercased() } + [sender.address.lowercased()])
            let cc = (rootAddresses("To") + rootAddresses("Cc")).flatMap(\.mailboxes)
                .filter { !seen.contains($0.address.lowercased()) }
            if !cc.isEmpty { fields.append(NewField("Cc", .addresses(cc.map { .mailbox($0) }))) }
        }
        fields.append(NewField("Subject", .text(Self.replySubject(rootText("Subject") ?? ""))))
        fields += threadingFields
        return MessageDraft(fields: fields, content: body)
    }

    /// A forward of this message from `sender` to `recipients`: `body` then the message itself
    /// attached unchanged as message/rfc822; Subject `Fwd: …`; References set so the forward
    /// threads with the original.
    public func forward(from sender: Mailbox, to recipients: [Mailbox], body: Entity) -> MessageDraft {
        var fields = [
            NewField("From", .addresses([.mailbox(sender)])),
            NewField("To", .addresses(recipients.map { .mailbox($0) })),
            NewField("Subject", .text(Self.forwardSubject(rootText("Subject") ?? ""))),
        ]
        fields += threadingFields.filter { $0.name == "References" }
        var original = serialized()
        if let envelope { original.removeFirst(envelope.count) }
        return MessageDraft(fields: fields, content: .mixed([body, .message(bytes: original, disposition: "inline")]))
    }
}
