import MIMECore
import MIMEMailbox

/// `mailparse list [--jsonl] [--range START:END] MAILBOX`: one line per message (CLI.md).
struct ListCommand {
    static let spec = CommandSpec(
        name: "list", abstract: "List a mailbox's messages.", usage: "[--jsonl] [--range START:END] [MAILBOX]",
        options: [
            .flag("jsonl", "One JSON object per line."),
            .value("range", "START:END", "Only messages whose From line starts in this byte range."),
        ],
        operands: 0...1)

    let jsonl: Bool
    let range: String?
    /// An mbox (plain or gzip), a Maildir, or a message ('-' or none: standard input).
    let mailbox: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        jsonl = arguments.flag("jsonl")
        range = arguments.value("range")
        mailbox = arguments.operands.first ?? "-"
        if let range, Self.parsedRange(range) == nil {
            throw UsageError("--range takes START:END, byte offsets", command: Self.spec)
        }
    }

    static func parsedRange(_ text: String) -> Range<Int>? {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 2, let start = Int(pieces[0]), start >= 0 else { return nil }
        let end = pieces[1].isEmpty ? Int.max : Int(pieces[1])
        guard let end, end >= start else { return nil }
        return start..<end
    }

    func run() throws {
        let input = MailInput(mailbox)
        let bounds = range.flatMap(Self.parsedRange)
        try input.forEachMessage(startingAt: bounds?.lowerBound ?? 0) { item in
            if let bounds, let entry = item.entry, entry.offset >= bounds.upperBound { return false }
            let line = ListLine(item)
            if jsonl {
                var writer = JSONWriter()
                line.write(to: &writer)
                Output.write(writer.bytes)
                Output.line("")
            } else {
                Output.line(line.text)
            }
            return true
        }
    }
}

/// What `list` says of one message.
struct ListLine {
    var item: InputMessage
    var date: String?
    var from: String?
    var subject: String?
    var messageID: String?
    var flags: String?

    init(_ item: InputMessage) {
        self.item = item
        let message = Message(parsing: item.bytes)
        func text(_ name: String) -> String? {
            message.field(name).map {
                HeaderValue.decodedText(name: name, raw: $0.rawValue, transcoder: CharsetTranscoders.shared).text
            }
        }
        date = text("Date")
        from = text("From")
        subject = text("Subject")
        var defects: [Defect] = []
        messageID = message.field("Message-ID").flatMap { HeaderValue.messageIDs($0.rawValue, defects: &defects).first?.value }
        if let file = item.file {
            flags = MaildirName(parsing: String(file.split(separator: "/").last ?? "")).flags.letters
        } else {
            flags = MailboxFlagMapping.flags(of: item.bytes)?.letters
        }
    }

    var text: String {
        let offset = item.entry.map { String($0.offset) } ?? item.file ?? "-"
        let size = item.entry?.length ?? item.bytes.count
        return "\(item.number)\t\(offset)\t\(size)\t\(date ?? "")\t\(from ?? "")\t\(subject ?? "")"
    }

    func write(to json: inout JSONWriter) {
        json.beginObject()
        json.key("index"); json.number(item.number)
        if let entry = item.entry {
            json.key("offset"); json.number(entry.offset)
            json.key("length"); json.number(entry.length)
            json.key("messageOffset"); json.number(entry.messageOffset)
            json.key("messageLength"); json.number(entry.messageLength)
            json.key("envelope")
            if let envelope = entry.envelope {
                json.beginObject()
                json.key("sender"); json.string(envelope.senderString)
                json.key("date"); json.string(envelope.dateString)
                json.endObject()
            } else {
                json.null()
            }
        } else {
            json.key("offset"); item.file == nil ? json.number(item.bytes.startIndex) : json.null()
            json.key("length"); json.number(item.bytes.count)
            json.key("messageOffset"); json.number(item.bytes.startIndex)
            json.key("messageLength"); json.number(item.bytes.count)
            json.key("envelope"); json.null()
        }
        if let file = item.file { json.key("file"); json.string(file) }
        json.key("date"); json.string(date)
        json.key("from"); json.string(from)
        json.key("subject"); json.string(subject)
        json.key("messageID"); json.string(messageID)
        json.key("flags"); json.string(flags)
        json.endObject()
    }
}
