import ArgumentParser
import MIMECore
import MIMEMailbox
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `mailparse convert SRC DST`: mbox (or .gz) → Maildir, Maildir → mbox, mbox → mbox (CLI.md).
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "Convert between mbox and Maildir, byte-exact.")

    @Argument(help: "The source: an mbox (plain or gzip) or a Maildir.")
    var source: String

    @Argument(help: "The destination, created if missing.")
    var destination: String

    @Option(name: .long, help: "maildir or mbox (default: the other kind than the source).")
    var to: String?

    @Option(name: .long, help: "mbox format to write: mboxrd (default), mboxo, mboxcl, mboxcl2.")
    var format: String = "mboxrd"

    @Flag(name: .long, help: "Skip fsync (fast, not crash-safe).") var noFsync = false
    @Option(name: .long, help: "Messages per Maildir delivery batch (default 1024; smaller: less memory, slower).")
    var batchSize: Int?
    @Flag(name: .long, help: "Append to a non-empty mbox destination.") var append = false
    @Flag(name: .long, help: "Print the report as JSON.") var json = false
    @Flag(name: .long, help: "No progress line.") var quiet = false

    func validate() throws {
        if let to, to != "maildir", to != "mbox" { throw ValidationError("--to takes maildir or mbox") }
        if MboxFormat(format) == nil || format == "auto" { throw ValidationError("--format takes mboxrd, mboxo, mboxcl or mboxcl2") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size takes a positive number") }
    }

    func run() throws {
        try runReportingErrors {
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
