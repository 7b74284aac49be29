import ArgumentParser
import MIMECharsets
import MIMECore

/// `mailparse dump [--json] [--message N] FILE…`: the part tree (CLI.md).
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump", abstract: "Show a message's part tree.")

    @Flag(name: .long, help: "One JSON document per message.")
    var json = false

    @Option(name: .long, help: "The message of a mailbox to dump (1-based).")
    var message: Int?

    @Argument(help: "Message or mailbox files ('-' or none: standard input).")
    var files: [String] = []

    func run() throws {
        try runReportingErrors {
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

/// Runs `body`, turning `CLIError`s into a message on standard error and their exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    defer { Output.flush() }
    // Every charset ICU knows, wherever MIMECore decodes text.
    if CharsetTranscoders.shared == nil { CharsetTranscoders.shared = ICUTranscoder() }
    do {
        try body()
    } catch let error as CLIError {
        Output.error("mailparse: \(error.message)")
        throw ExitCode(error.code.rawValue)
    }
}
