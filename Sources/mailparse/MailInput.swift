import MIMECore
import MIMEMailbox

/// One message of an input, with its 1-based number in that input.
struct InputMessage {
    var number: Int
    /// The message bytes: for an mbox entry, the message after its `From ` line (absolute offsets
    /// into the file, as CLI.md requires).
    var bytes: ByteView
}

/// An input argument: a single message file or an mbox, read whole (mapped).
struct MailInput {
    let path: String
    let storage: ByteStorage
    let isMailbox: Bool
    let messages: [InputMessage]

    /// Opens `path` (`-` for standard input), mapping exit codes as CLI.md says.
    static func open(_ path: String) throws -> MailInput {
        let storage: ByteStorage
        do {
            storage = try InputFile.read(path)
        } catch {
            let code: ExitCodeValue = error.code == .io ? .ioError : .noInput
            throw CLIError(message: error.description, code: code)
        }
        let view = ByteView(storage)
        let framing = SimpleMboxFraming(view)
        if let entries = framing.entries() {
            return MailInput(path: path, storage: storage, isMailbox: true,
                             messages: entries.enumerated().map { InputMessage(number: $0.offset + 1, bytes: $0.element) })
        }
        return MailInput(path: path, storage: storage, isMailbox: false,
                         messages: [InputMessage(number: 1, bytes: view)])
    }

    /// Whether `path` is a regular file (or standard input is not) that is not an mbox: such
    /// inputs are streamed rather than mapped, so their size does not matter.
    static func isSingleMessage(_ path: String) -> Bool {
        guard path != "-", !InputFile.isDirectory(path), let head = InputFile.prefix(path, count: 8) else { return false }
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B { return false }
        return !head[start...].starts(with: Array("From ".utf8))
    }

    /// The part tree of a single message, streamed from `path` in 1 MiB chunks.
    static func outline(_ path: String) throws -> MessageOutline {
        var builder = MessageOutline.Builder()
        do {
            try InputFile.stream(path) { builder.feed($0) }
        } catch let error as InputFileError {
            throw CLIError(message: error.description, code: error.code == .io ? .ioError : .noInput)
        }
        return builder.finish()
    }

    /// The messages `--message N` selects (all when nil); a number out of range is a data error.
    func select(_ number: Int?) throws -> [InputMessage] {
        guard let number else { return messages }
        guard number >= 1, number <= messages.count else {
            throw CLIError(message: "\(path): no message \(number) (it has \(messages.count))", code: .dataError)
        }
        return [messages[number - 1]]
    }
}

/// Provisional mbox framing for `dump` and `stats` (RFC 4155): a line starting `From ` at the
/// start of the file or after a blank line begins an entry. MIMEMailbox's reader replaces it.
struct SimpleMboxFraming {
    let view: ByteView
    init(_ view: ByteView) { self.view = view }

    /// The message of every entry, or nil when the input does not start with a `From ` line.
    func entries() -> [ByteView]? {
        view.withUnsafeBytes { raw -> [ByteView]? in
            var start = 0
            if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
            guard Self.isFromLine(raw, at: start) else { return nil }
            // A single message file with an envelope line is a one-message mbox (CLI.md).
            var fromLines: [Int] = [start]
            var i = start
            while let lf = raw[i...].firstIndex(of: 0x0A) {
                let next = lf + 1
                if Self.isFromLine(raw, at: next), Self.blankLineEnds(raw, at: next) { fromLines.append(next) }
                i = next
                if i >= raw.count { break }
            }
            var result: [ByteView] = []
            for (k, from) in fromLines.enumerated() {
                let messageStart = (raw[from...].firstIndex(of: 0x0A) ?? raw.count - 1) + 1
                var end = k + 1 < fromLines.count ? fromLines[k + 1] : raw.count
                // The blank separator line before the next `From ` line is framing, not message;
                // the last message runs to the end of the file (CLI.md).
                if k + 1 < fromLines.count, end > messageStart, raw[end - 1] == 0x0A {
                    let hasCR = end - 2 >= messageStart && raw[end - 2] == 0x0D
                    let lineBreak = hasCR ? 2 : 1
                    if end - lineBreak > messageStart, raw[end - lineBreak - 1] == 0x0A {
                        end -= lineBreak
                    }
                }
                result.append(view[min(messageStart, end)..<end])
            }
            return result
        }
    }

    static func isFromLine(_ raw: UnsafeRawBufferPointer, at i: Int) -> Bool {
        i + 5 <= raw.count && raw[i] == 0x46 && raw[i + 1] == 0x72 && raw[i + 2] == 0x6F && raw[i + 3] == 0x6D
            && raw[i + 4] == 0x20
    }

    /// Whether the line before offset `i` is blank (or `i` is the start).
    static func blankLineEnds(_ raw: UnsafeRawBufferPointer, at i: Int) -> Bool {
        if i >= 2, raw[i - 1] == 0x0A, raw[i - 2] == 0x0A { return true }
        if i >= 4, raw[i - 1] == 0x0A, raw[i - 2] == 0x0D, raw[i - 3] == 0x0A, raw[i - 4] == 0x0D { return true }
        return false
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
}
