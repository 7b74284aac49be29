import ArgumentParser
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
                let input = try MailInput.open(path)
                let selected = try input.select(message)
                if !json, paths.count > 1 { Output.line("==> \(path) <==") }
                for entry in selected {
                    let parsed = Message(parsing: entry.bytes)
                    if json {
                        var writer = JSONWriter()
                        parsed.writeDumpJSON(to: &writer) { w in
                            if paths.count > 1 { w.key("file"); w.string(path) }
                            if input.isMailbox { w.key("message"); w.number(entry.number) }
                        }
                        Output.write(writer.bytes)
                        Output.line("")
                    } else {
                        if input.isMailbox, selected.count > 1 { Output.line("==> \(entry.number) <==") }
                        Output.write(parsed.dumpText())
                    }
                }
            }
        }
    }
}

/// Runs `body`, turning `CLIError`s into a message on standard error and their exit status.
func runReportingErrors(_ body: () throws -> Void) throws {
    defer { Output.flush() }
    do {
        try body()
    } catch let error as CLIError {
        Output.error("mailparse: \(error.message)")
        throw ExitCode(error.code.rawValue)
    }
}
