import MIMECore
import MIMEMailbox

/// One message of an input, with its 1-based number in that input.
struct InputMessage {
    var number: Int
    /// The message bytes. For an mbox entry: the message as it stands in the file (escaping
    /// kept), with absolute offsets into the mbox (CLI.md: offsets are into the input as given).
    var bytes: ByteView
    /// The mbox entry, for mbox input.
    var entry: MboxEntry? = nil
    /// The file, for Maildir input.
    var file: String? = nil
}

/// An input argument: a single message, an mbox (plain or gzip, read in windows), or a
/// Maildir, told apart by content.
struct MailInput {
    let path: String
    let kind: MailboxKind

    init(_ path: String) {
        self.path = path
        self.kind = path == "-" ? .message : MailboxKind.of(path: path)
    }

    var isMailbox: Bool { kind != .message }

    /// Calls `body` for every message (or only message `select`), in order, holding one message
    /// at a time. A `select` past the last message is a data error naming the count.
    func forEachMessage(select: Int? = nil, _ body: (InputMessage) throws -> Void) throws {
        try forEachMessage(select: select) { message -> Bool in
            try body(message)
            return true
        }
    }

    /// Like `forEachMessage(select:_:)`, stopping when `body` returns false. With `startingAt`,
    /// an mbox is entered at that byte offset (resynchronising on the next `From ` line), so
    /// `list --range` reads only its share of a large file.
    func forEachMessage(select: Int? = nil, startingAt start: Int = 0,
                        _ body: (InputMessage) throws -> Bool) throws {
        var count = 0
        func visit(_ message: InputMessage) throws -> Bool {
            count = message.number
            if let select {
                guard message.number == select else { return true }
                _ = try body(message)
                return false
            }
            return try body(message)
        }
        do {
            switch kind {
            case .maildir:
                for (i, file) in try Maildir(path: path).messages().enumerated() {
                    let bytes = try Maildir.read(file)
                    if try !visit(InputMessage(number: i + 1, bytes: bytes, file: file.path)) { return }
                }
            case .mbox:
                // Each message is done with before the next but one: entries can view the read window.
                var options = MboxReadOptions()
                options.entriesShareWindow = true
                var reader = start > 0 ? try MboxFileReader(path: path, options: options, startingAt: start)
                    : try MboxFileReader(path: path, options: options)
                // One entry behind, to know whether the file holds a single message.
                var previous: MboxEntry? = nil
                var seen = 0
                while let entry = try reader.next() {
                    seen += 1
                    if let p = previous, try !visit(InputMessage(number: count + 1, bytes: p.rawMessage, entry: p)) { return }
                    previous = entry
                }
                if var last = previous {
                    if seen == 1, start == 0, !reader.isCompressed {
                        last.rawMessage = try Self.toEndOfEntry(last, path: path)
                    }
                    _ = try visit(InputMessage(number: count + 1, bytes: last.rawMessage, entry: last))
                }
            case .message:
                let storage = try InputFile.read(path)
                let view = ByteView(storage)
                if path == "-", MailboxKind.of(prefix: Array(view[0..<min(view.count, 1024)].bytes)) == .mbox {
                    for entry in MboxReader(view, options: MboxReadOptions(), startingAt: start) {
                        if try !visit(InputMessage(number: count + 1, bytes: entry.rawMessage, entry: entry)) { return }
                    }
                } else if try !visit(InputMessage(number: 1, bytes: view)) {
                    return
                }
            }
        } catch let error as MailboxError {
            throw CLIError(error)
        } catch let error as InputFileError {
            throw CLIError(error)
        }
        if let select, select > count || select < 1 {
            throw CLIError(message: "\(path): no message \(select) (it has \(count))", code: .dataError)
        }
    }

    /// A file holding one message after a `From ` line is a message with an envelope (CLI.md):
    /// its message runs to the end of the file, a final blank line included, as single-message
    /// files are read everywhere else (the SpamAssassin corpus, Python's `email`).
    static func toEndOfEntry(_ entry: MboxEntry, path: String) throws -> ByteView {
        let storage = try InputFile.read(path)
        return ByteView(storage)[entry.messageOffset..<(entry.offset + entry.length)]
    }

    /// The one message `select` picks (default the first).
    func message(_ select: Int?) throws -> InputMessage {
        var found: InputMessage? = nil
        try forEachMessage(select: select ?? 1) { found = $0 }
        return found!
    }

    /// Whether `path` is a single message file that can be streamed (its size then does not matter).
    var isStreamableMessage: Bool { kind == .message && path != "-" && !InputFile.isDirectory(path) }

    /// The part tree of a single message, streamed from the file in 1 MiB chunks.
    func outline() throws -> MessageOutline {
        var builder = MessageOutline.Builder()
        do {
            try InputFile.stream(path) { builder.feed($0) }
        } catch let error as InputFileError {
            throw CLIError(error)
        }
        return builder.finish()
    }
}

/// The exit statuses the CLI uses (sysexits).
enum ExitCodeValue: Int32 {
    case usage = 64, dataError = 65, noInput = 66, cannotCreate = 73, ioError = 74
}

/// A failure to report on standard error with an exit status.
struct CLIError: Error {
    var message: String
    var code: ExitCodeValue

    init(message: String, code: ExitCodeValue) {
        self.message = message
        self.code = code
    }

    init(_ error: MailboxError) {
        message = error.description
        switch error.code {
        case .open, .notAMailbox: code = .noInput
        case .create, .refused: code = .cannotCreate
        default: code = .ioError
        }
    }

    init(_ error: InputFileError) {
        message = error.description
        switch error.code {
        case .cannotOpen, .isDirectory: code = .noInput
        case .cannotCreate: code = .cannotCreate
        default: code = .ioError
        }
    }
}
