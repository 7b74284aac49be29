import MIMECore
import MIMEMailbox
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mailparse convert SRC DST`: mbox (or .gz) → Maildir, Maildir → mbox, mbox → mbox (CLI.md).
struct ConvertCommand {
    static let spec = CommandSpec(
        name: "convert", abstract: "Convert between mbox and Maildir, byte-exact.",
        usage: "SRC DST [--to maildir|mbox] [--format mboxrd|mboxo|mboxcl|mboxcl2] [--no-fsync] [--batch-size N] [--append] [--json] [--quiet]",
        options: [
            .value("to", "KIND", "maildir or mbox (default: the other kind than the source)."),
            .value("format", "FORMAT", "mbox format to write: mboxrd (default), mboxo, mboxcl, mboxcl2."),
            .flag("no-fsync", "Skip fsync (fast, not crash-safe)."),
            .value("batch-size", "N", "Messages per Maildir delivery batch (default 1024; smaller: less memory, slower)."),
            .flag("append", "Append to a non-empty mbox destination."),
            .flag("json", "Print the report as JSON."),
            .flag("quiet", "No progress line."),
        ],
        operands: 2...2)

    /// The source: an mbox (plain or gzip) or a Maildir.
    let source: String
    /// The destination, created if missing.
    let destination: String
    let to: String?
    let format: String
    let noFsync, append, json, quiet: Bool
    let batchSize: Int?

    init(_ arguments: ParsedArguments) throws(UsageError) {
        source = arguments.operands[0]
        destination = arguments.operands[1]
        to = arguments.value("to")
        format = arguments.value("format") ?? "mboxrd"
        noFsync = arguments.flag("no-fsync")
        append = arguments.flag("append")
        json = arguments.flag("json")
        quiet = arguments.flag("quiet")
        batchSize = try arguments.integer("batch-size", of: Self.spec)
        if let batchSize, batchSize < 1 { throw UsageError("--batch-size takes a positive number", command: Self.spec) }
        if let to, to != "maildir", to != "mbox" { throw UsageError("--to takes maildir or mbox", command: Self.spec) }
        if MboxFormat(format) == nil || format == "auto" {
            throw UsageError("--format takes mboxrd, mboxo, mboxcl or mboxcl2", command: Self.spec)
        }
    }

    func run() throws {
        let kind = MailboxKind.of(path: source)
        guard kind != .message || InputFile.isDirectory(source) == false else {
            throw CLIError(message: "\(source): not a mailbox", code: .dataError)
        }
        if kind == .message, InputFile.prefix(source, count: 1) == nil {
            throw CLIError(message: "\(source): cannot open", code: .noInput)
        }
        var options = ConversionOptions()
        options.writeFormat = MboxFormat(format) ?? .mboxrd
        options.sync = !noFsync
        options.append = append
        if let batchSize { options.batchSize = batchSize }
        let converter = MailboxConverter(options: options)
        let target = to ?? (kind == .maildir ? "mbox" : "maildir")
        let progress = Progress(enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let report: ConversionReport
        do {
            switch (kind, target) {
            case (.maildir, "maildir"):
                throw CLIError(message: "Maildir → Maildir is not supported; convert to mbox", code: .usage)
            case (.maildir, _):
                report = try converter.maildirToMbox(source: source, destination: destination, progress: progress.show)
            case (_, "maildir"):
                report = try converter.mboxToMaildir(source: source, destination: destination, progress: progress.show)
            default:
                report = try converter.mboxToMbox(source: source, destination: destination, progress: progress.show)
            }
        } catch let error as MailboxError {
            progress.finish()
            throw CLIError(error)
        }
        progress.finish()
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("messages"); writer.number(report.messages)
            writer.key("bytes"); writer.number(report.bytes)
            writer.key("flagsMapped"); writer.number(report.flagsMapped)
            writer.key("defects"); writer.number(report.defects.count)
            writer.key("skipped")
            writer.beginArray()
            for skip in report.skipped {
                writer.beginObject()
                writer.key("source"); writer.string(skip.source)
                writer.key("reason"); writer.string(skip.reason)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            Output.write(writer.bytes)
            Output.line("")
        } else {
            Output.line("\(report.messages) messages, \(report.bytes) bytes, \(report.flagsMapped) with flags, "
                        + "\(report.defects.count) defects, \(report.skipped.count) skipped")
        }
    }
}

/// A progress line on standard error, only on a terminal, rewritten when the count changes.
final class Progress {
    let enabled: Bool
    var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ report: ConversionReport) {
        guard enabled else { return }
        shown = true
        let line = "\r\(report.messages) messages, \(report.bytes / 1_000_000) MB"
        line.utf8CString.withUnsafeBufferPointer { _ = write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }

    func finish() {
        guard shown else { return }
        _ = "\n".utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, 1) }
    }
}
