import ArgumentParser
import MIMECore
import MIMEMailbox

/// `mailparse extract`: a part's bytes, raw or decoded (CLI.md).
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "extract", abstract: "Write a part's bytes.")

    @Option(name: .long, help: "The message of a mailbox (1-based).")
    var message: Int?

    @Option(name: .long, help: "The part number, as `dump` shows it (1-based).")
    var part: Int?

    @Flag(name: .long, help: "The body exactly as in the source.") var raw = false
    @Flag(name: .long, help: "The body with its transfer encoding undone (default).") var decoded = false
    @Flag(name: .long, help: "The body decoded and transcoded to UTF-8 (text parts).") var text = false
    @Flag(name: .long, help: "The part's raw header block.") var header = false
    @Flag(name: .long, help: "The part's header and body exactly as in the source.") var entity = false

    @Option(name: .short, help: "Write to this file instead of standard output.")
    var o: String?

    @Argument(help: "A message or mailbox file ('-' or none: standard input).")
    var file: String = "-"

    func validate() throws {
        if [raw, decoded, text, header, entity].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --raw, --decoded, --text, --header, --entity")
        }
    }

    func run() throws {
        try runReportingErrors {
            let parsed = Message(parsing: try MailInput(file).message(message).bytes)
            guard let number = part else {
                throw CLIError(message: "saving attachments without --part is not available yet", code: .usage)
            }
            guard number >= 1, number <= parsed.parts.count else {
                throw CLIError(message: "\(file): no part \(number) (it has \(parsed.parts.count))", code: .dataError)
            }
            let id = Part.ID(rawValue: number - 1)
            let bytes: ByteView
            if header {
                bytes = parsed.header(of: id)
            } else if entity {
                bytes = parsed.entity(of: id)
            } else if raw {
                bytes = parsed.body(of: id)
            } else {
                throw CLIError(message: "--decoded and --text are not available yet", code: .usage)
            }
            try write(bytes)
        }
    }

    private func write(_ bytes: ByteView) throws {
        guard let o else {
            bytes.withUnsafeBytes { Output.write($0) }
            return
        }
        do {
            try OutputFile.create(o, bytes: bytes)
        } catch {
            throw CLIError(error)
        }
    }
}
