import ArgumentParser
import MIMECore

/// `mailparse text [--message N] FILE`: the message's best text body as UTF-8 (CLI.md).
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "text", abstract: "Print a message's best text body as UTF-8.")

    @Option(name: .long, help: "The message of a mailbox (1-based).")
    var message: Int?

    @Argument(help: "A message or mailbox file ('-' or none: standard input).")
    var file: String = "-"

    func run() throws {
        try runReportingErrors {
            let parsed = Message(parsing: try MailInput(file).message(message).bytes)
            guard let text = parsed.bestText() else {
                throw CLIError(message: "\(file): no text part", code: .dataError)
            }
            Output.write(text.utf8)
        }
    }
}
