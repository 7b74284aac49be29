import MIMECore

/// `mailparse text [--message N] FILE`: the message's best text body as UTF-8 (CLI.md).
struct TextCommand {
    static let spec = CommandSpec(
        name: "text", abstract: "Print a message's best text body as UTF-8.", usage: "[--message N] [FILE]",
        options: [.value("message", "N", "The message of a mailbox (1-based).")],
        operands: 0...1)

    let message: Int?
    /// A message or mailbox file ('-' or none: standard input).
    let file: String

    init(_ arguments: ParsedArguments) throws(UsageError) {
        message = try arguments.integer("message", of: Self.spec)
        file = arguments.operands.first ?? "-"
    }

    func run() throws {
        let parsed = Message(parsing: try MailInput(file).message(message).bytes)
        guard let text = parsed.bestText() else {
            throw CLIError(message: "\(file): no text part", code: .dataError)
        }
        Output.write(text.utf8)
    }
}
