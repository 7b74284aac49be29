import ArgumentParser
import MIMECharsets
import MIMECore

/// The `mailparse` command: a thin shell over the library. Its output and exit codes are the
/// contract in CLI.md.
@main
struct Mailparse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mailparse",
        abstract: "Parse, inspect and convert Internet mail (RFC 5322 / MIME, mbox, Maildir).",
        subcommands: [DumpCommand.self, HeadersCommand.self, TextCommand.self, ExtractCommand.self, ListCommand.self, StatsCommand.self, ConvertCommand.self]
    )
}
