import MIMECore

/// `mailparse headers [--json] FILE`: the message's header fields, decoded (CLI.md).
struct HeadersCommand {
    static let spec = CommandSpec(
        name: "headers", abstract: "Show a message's header fields, decoded.",
        usage: "[--json] [--message N] [--part N] [FILE]",
        options: [
            .flag("json", "A JSON list, one object per field."),
            .value("message", "N", "The message of a mailbox (1-based)."),
            .value("part", "N", "The part whose header to show (1-based; default: the message)."),
        ],
        operands: 0...1)

    let json: Bool
    let message: Int?
    let part: Int?
    /// A message or mailbox file ('-' or none: standard input).
    let file: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        json = arguments.flag("json")
        message = try arguments.integer("message", of: Self.spec)
        part = try arguments.integer("part", of: Self.spec)
        file = arguments.operands.first ?? "-"
    }

    func run() throws {
        let parsed = Message(parsing: try MailInput(file).message(message).bytes)
        let id = try parsed.partID(part, file: file)
        let fields = parsed.fields(of: id)
        if json {
            var writer = JSONWriter(streaming: true)
            writer.beginArray()
            for field in fields { FieldJSON.write(field, to: &writer) }
            writer.endArray()
            writer.finish()
            Output.line("")
        } else {
            for field in fields {
                let value = HeaderValue.decodedText(name: field.name, rawView: field.rawValueView,
                                                    transcoder: CharsetTranscoders.shared)
                Output.write(field.nameBytes)
                Output.write(": ")
                Output.line(value.text)
            }
        }
    }
}

extension Message {
    /// The part numbered `number` (1-based, as `dump` shows), or the message when nil.
    func partID(_ number: Int?, file: String) throws -> Part.ID {
        guard let number else { return .root }
        guard number >= 1, number <= parts.count else {
            throw CLIError(message: "\(file): no part \(number) (it has \(parts.count))", code: .dataError)
        }
        return Part.ID(rawValue: number - 1)
    }
}

/// One header field as `headers --json` writes it: name, raw, value, and the structured reading
/// its name calls for.
enum FieldJSON {
    static func write(_ field: HeaderField, to json: inout JSONWriter) {
        let name = field.name
        let lower = name.lowercased()
        // The structured readings below need the value as an array; a huge unstructured field
        // (Subject, X-…) is written from the message's storage without that copy.
        var raw: [UInt8] { field.rawValue }
        var defects: [Defect] = []
        let transcoder = CharsetTranscoders.shared
        json.beginObject()
        json.key("name"); json.string(JSONWriter.text(field.nameBytes))
        json.key("raw"); field.rawValueView.withUnsafeBytes { json.string(utf8Repairing: $0) }
        json.key("value")
        json.string(HeaderValue.decodedText(name: name, rawView: field.rawValueView, transcoder: transcoder).text)
        if HeaderValue.isAddressField(name) {
            json.key("addresses")
            writeAddresses(HeaderValue.addresses(raw, transcoder: transcoder, defects: &defects), to: &json)
        }
        switch lower {
        case "date", "resent-date":
            json.key("date")
            writeDate(HeaderValue.date(raw, defects: &defects), to: &json)
        case "content-type":
            json.key("mediaType")
            if let type = HeaderValue.unfold(raw).withUnsafeBytes({ MediaType(parsing: $0, defects: &defects) }) {
                json.beginObject()
                json.key("type"); json.string(type.type)
                json.key("subtype"); json.string(type.subtype)
                json.key("parameters"); writeParameters(type.parameters, to: &json)
                json.endObject()
            } else {
                json.null()
            }
        case "content-disposition":
            json.key("disposition")
            if let disposition = HeaderValue.unfold(raw).withUnsafeBytes({ ContentDisposition(parsing: $0, defects: &defects) }) {
                json.beginObject()
                json.key("type"); json.string(disposition.type)
                json.key("parameters"); writeParameters(disposition.parameters, to: &json)
                json.endObject()
            } else {
                json.null()
            }
        case "message-id", "in-reply-to", "references", "content-id", "resent-message-id":
            json.key("messageIDs")
            json.beginArray()
            for id in HeaderValue.messageIDs(raw, defects: &defects) { json.string(id.value) }
            json.endArray()
        case "received":
            let received = HeaderValue.received(raw, defects: &defects)
            json.key("received")
            json.beginObject()
            for (key, value) in [("from", received.from), ("by", received.by), ("via", received.via),
                                 ("with", received.with), ("id", received.id), ("for", received.for)] {
                json.key(key); json.string(value)
            }
            json.key("date")
            writeDate(received.date, to: &json)
            json.endObject()
        default:
            break
        }
        json.endObject()
    }

    /// A date as CLI.md's `date` object, or null.
    static func writeDate(_ date: DateTime?, to json: inout JSONWriter) {
        guard let date else { return json.null() }
        json.beginObject()
        for (key, value) in [("year", date.year), ("month", date.month), ("day", date.day), ("hour", date.hour),
                             ("minute", date.minute), ("second", date.second), ("offsetMinutes", date.offsetMinutes)] {
            json.key(key); json.number(value)
        }
        json.endObject()
    }

    static func writeAddresses(_ addresses: [Address], to json: inout JSONWriter) {
        json.beginArray()
        for address in addresses {
            switch address {
            case .mailbox(let mailbox):
                writeMailbox(mailbox, to: &json)
            case .group(let group):
                json.beginObject()
                json.key("group"); json.string(group.name)
                json.key("members")
                json.beginArray()
                for member in group.members { writeMailbox(member, to: &json) }
                json.endArray()
                json.endObject()
            }
        }
        json.endArray()
    }

    static func writeMailbox(_ mailbox: Mailbox, to json: inout JSONWriter) {
        json.beginObject()
        json.key("name"); json.string(mailbox.displayName)
        json.key("address"); json.string(mailbox.address)
        json.endObject()
    }

    /// Parameters as an object, first occurrence of each name (as `MediaType.parameter` reads them).
    static func writeParameters(_ parameters: [Parameter], to json: inout JSONWriter) {
        json.beginObject()
        var seen = Set<String>()
        for p in parameters where seen.insert(p.name).inserted {
            json.key(p.name); json.string(p.value)
        }
        json.endObject()
    }
}
