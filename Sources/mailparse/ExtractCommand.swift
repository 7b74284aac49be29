import MIMECore
import MIMEMailbox

/// `mailparse extract`: a part's bytes (raw, decoded, text, header, entity), or every attachment
/// into a directory (CLI.md).
struct ExtractCommand {
    static let spec = CommandSpec(
        name: "extract", abstract: "Write a part's bytes, or save every attachment.",
        usage: "[--message N] [--part N] [--raw | --decoded | --text | --header | --entity] [-o OUT | -d DIR] [FILE]",
        options: [
            .value("message", "N", "The message of a mailbox (1-based)."),
            .value("part", "N", "The part number, as `dump` shows it (1-based)."),
            .flag("raw", "The body exactly as in the source."),
            .flag("decoded", "The body with its transfer encoding undone (default)."),
            .flag("text", "The body decoded and transcoded to UTF-8 (text parts)."),
            .flag("header", "The part's raw header block."),
            .flag("entity", "The part's header and body exactly as in the source."),
            .value("o", "OUT", "Write to this file instead of standard output."),
            .value("d", "DIR", "Without --part: the directory to save attachments in (default .)."),
        ],
        operands: 0...1)

    let message: Int?
    let part: Int?
    let raw, decoded, text, header, entity: Bool
    let o: String?
    let d: String?
    /// A message or mailbox file ('-' or none: standard input).
    let file: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        message = try arguments.integer("message", of: Self.spec)
        part = try arguments.integer("part", of: Self.spec)
        raw = arguments.flag("raw")
        decoded = arguments.flag("decoded")
        text = arguments.flag("text")
        header = arguments.flag("header")
        entity = arguments.flag("entity")
        o = arguments.value("o")
        d = arguments.value("d")
        file = arguments.operands.first ?? "-"
        if [raw, decoded, text, header, entity].filter({ $0 }).count > 1 {
            throw UsageError("choose one of --raw, --decoded, --text, --header, --entity", command: Self.spec)
        }
        if part == nil, o != nil {
            throw UsageError("-o needs --part; to save every attachment use -d DIR", command: Self.spec)
        }
        if part != nil, d != nil {
            throw UsageError("-d saves every attachment; it does not go with --part", command: Self.spec)
        }
    }

    func run() throws {
        let parsed = Message(parsing: try MailInput(file).message(message).bytes)
        guard part != nil else { return try saveAttachments(of: parsed) }
        let id = try parsed.partID(part, file: file)
        let selected = parsed[id]
        let bytes: [UInt8]
        if header {
            bytes = parsed.header(of: id).bytes
        } else if entity {
            bytes = parsed.entity(of: id).bytes
        } else if raw {
            bytes = parsed.body(of: id).bytes
        } else if text {
            guard selected.mediaType.type == "text", selected.kind == .leaf else {
                throw CLIError(message: "\(file): part \(part!) is \(selected.mediaType), not text", code: .dataError)
            }
            bytes = parsed.text(of: id).utf8
        } else {
            guard selected.kind == .leaf else {
                // Containers have no transfer encoding of their own: their body as it stands.
                return try write(parsed.body(of: id).bytes)
            }
            bytes = parsed.decodedBody(of: id).bytes
        }
        try write(bytes)
    }

    private func write(_ bytes: [UInt8]) throws {
        guard let o else { return Output.write(bytes) }
        do {
            try OutputFile.create(o, bytes: ByteView(ByteStorage(bytes)))
        } catch {
            throw CLIError(error)
        }
    }

    /// Every attachment, and every inline part that is not text, decoded into `-d DIR` under its
    /// sanitised name; an attached message is saved whole (`.eml`). One line per file written.
    private func saveAttachments(of message: Message) throws {
        let directory: DirectoryWriter
        do { directory = try DirectoryWriter(path: d ?? ".") } catch { throw CLIError(error) }
        for part in message.parts where part.id != .root {
            // Inside an attached message the parts belong to that message, which is saved whole.
            if Self.isInsideAttachedMessage(part, message) { continue }
            let bytes: [UInt8]
            switch part.kind {
            case .multipart:
                continue
            case .message:
                bytes = message.body(of: part.id).bytes
            case .leaf:
                guard part.disposition?.type == "attachment" || part.mediaType.type != "text" else { continue }
                bytes = message.decodedBody(of: part.id).bytes
            }
            let name = SafeFilename.sanitized(part.filename, partNumber: part.id.rawValue + 1, mediaType: part.mediaType)
            do {
                let written = try directory.create(name, bytes: bytes)
                Output.line(directory.path == "." ? written : directory.path + "/" + written)
            } catch {
                throw CLIError(error)
            }
        }
    }

    static func isInsideAttachedMessage(_ part: Part, _ message: Message) -> Bool {
        var parent = part.parent
        while let p = parent {
            if message[p].kind == .message, p != .root { return true }
            parent = message[p].parent
        }
        return false
    }
}
