/// What kind of input a path or a buffer holds, decided by content (CLI.md: "detected by
/// content, not by name").
public enum MailboxKind: Sendable, Hashable {
    /// A directory with `cur/` and `new/`.
    case maildir
    /// An mbox: the first line (after an optional UTF-8 byte order mark) is a valid `From `
    /// line, or the input is gzip-compressed (`1f 8b`).
    case mbox
    /// Anything else: one message.
    case message

    /// The kind of `path`; a file that cannot be read counts as a message (the caller's read
    /// then reports the error with the file's name).
    public static func of(path: String) -> MailboxKind {
        if Maildir.isMaildir(path) { return .maildir }
        guard let head = InputFile.prefix(path, count: 1024) else { return .message }
        return of(prefix: head)
    }

    /// The kind of an input that starts with `prefix` (the first KiB is plenty).
    public static func of(prefix: [UInt8]) -> MailboxKind {
        if prefix.count >= 2, prefix[0] == 0x1F, prefix[1] == 0x8B { return .mbox }
        var start = 0
        if prefix.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var end = start
        while end < prefix.count, prefix[end] != 0x0A { end += 1 }
        var line = prefix[start..<end]
        if line.last == 0x0D { line = line.dropLast() }
        return line.withUnsafeBytes { MboxFromLine.parse($0) != nil } ? .mbox : .message
    }
}
