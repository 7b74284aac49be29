import MIMECore

/// `mailparse dump [--json] [--message N] FILE…`: the part tree (CLI.md).
struct DumpCommand {
    static let spec = CommandSpec(
        name: "dump", abstract: "Show a message's part tree.", usage: "[--json] [--message N] [FILE…]",
        options: [
            .flag("json", "One JSON document per message."),
            .value("message", "N", "The message of a mailbox to dump (1-based)."),
        ],
        operands: 0...Int.max)

    let json: Bool
    let message: Int?
    /// Message or mailbox files ('-' or none: standard input).
    let files: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        json = arguments.flag("json")
        message = try arguments.integer("message", of: Self.spec)
        files = arguments.operands
    }

    func run() throws {
        let paths = files.isEmpty ? ["-"] : files
        for path in paths {
            if !json, paths.count > 1 { Output.line("==> \(path) <==") }
            let input = MailInput(path)
            if input.isStreamableMessage {
                // Streamed: memory grows with the number of parts, not the message's size.
                if let message, message != 1 {
                    throw CLIError(message: "\(path): no message \(message) (it has 1)", code: .dataError)
                }
                show(DumpModel(try input.outline()), path: path, number: nil, files: paths.count)
                continue
            }
            try input.forEachMessage(select: message) { entry in
                if !json, input.isMailbox, message == nil { Output.line("==> \(entry.number) <==") }
                show(DumpModel(Message(parsing: entry.bytes)), path: path,
                     number: input.isMailbox ? entry.number : nil, files: paths.count)
            }
        }
    }

    private func show(_ model: DumpModel, path: String, number: Int?, files: Int) {
        guard json else { return Output.write(model.text()) }
        var writer = JSONWriter()
        model.writeJSON(to: &writer) { w in
            if files > 1 { w.key("file"); w.string(path) }
            if let number { w.key("message"); w.number(number) }
        }
        Output.write(writer.bytes)
        Output.line("")
    }
}
