import MIMECore

/// The envelope of an mbox entry: the sender and date of its `From ` line (RFC 4155 §2), as
/// the bytes written there.
public struct MboxEnvelope: Sendable, Hashable {
    /// The sender word(s), e.g. `MAILER-DAEMON`, `-`, `1545668983435175434@xxx`.
    public var sender: [UInt8]
    /// The date text, e.g. `Fri Jul  8 12:08:34 2011`; empty when the line has none.
    public var date: [UInt8]

    public init(sender: [UInt8], date: [UInt8]) {
        self.sender = sender
        self.date = date
    }

    /// The sender as text (invalid UTF-8 replaced by U+FFFD).
    public var senderString: String { String(decoding: sender, as: UTF8.self) }
    /// The date as text (invalid UTF-8 replaced by U+FFFD).
    public var dateString: String { String(decoding: date, as: UTF8.self) }
}

/// One message of an mbox file, with its framing.
///
/// All offsets are absolute byte offsets into the mailbox as given (64-bit `Int` on every
/// supported platform). The message bytes are, as CLI.md defines them, those after the `From `
/// line up to, not including, the line break before the next `From ` line, with the format's
/// `>From` quoting undone. Unquoting is lazy: `message` is a zero-copy view when no line is
/// quoted, and `messageLength` is known without unquoting.
public struct MboxEntry: Sendable {
    /// Offset of the entry: its `From ` line (or its first byte when it has none).
    public var offset: Int
    /// Length of the entry: `From ` line, message and separator, up to the next entry.
    public var length: Int
    /// The `From ` line without its line break; nil for leading bytes that had none.
    public var fromLineRange: Range<Int>?
    /// Sender and date of the `From ` line; nil when there is none.
    public var envelope: MboxEnvelope?
    /// Offset of the message's first byte.
    public var messageOffset: Int
    /// The message bytes as stored in the mbox, quoting not undone. For `MboxReader` this is a
    /// view of the caller's storage with absolute indices; for `MboxFileReader` it owns a copy
    /// (indices from 0; use `messageOffset` for the position).
    public var rawMessage: ByteView
    /// The quoting that applies to this entry.
    public var escaping: MboxEscaping
    /// The number of quoted lines (each loses one `>` when unquoted).
    public var quotedLineCount: Int
    /// What the framer tolerated, at absolute offsets.
    public var defects: [Defect]

    /// The message length after unquoting.
    public var messageLength: Int { rawMessage.count - quotedLineCount }

    /// The message bytes with `>From` quoting undone: `rawMessage` itself (no copy) when no
    /// line is quoted, otherwise a new buffer.
    public var message: ByteView {
        guard quotedLineCount > 0 else { return rawMessage }
        return ByteView(ByteStorage(Self.unquote(rawMessage, escaping)))
    }

    /// Removes one `>` from each quoted line of `bytes` under `escaping`.
    static func unquote(_ bytes: ByteView, _ escaping: MboxEscaping) -> [UInt8] {
        bytes.withUnsafeBytes { raw in
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            var start = 0
            while start < raw.count {
                var end = start
                while end < raw.count && raw[end] != 0x0A { end += 1 }
                if end < raw.count { end += 1 }
                let line = UnsafeRawBufferPointer(rebasing: raw[start..<end])
                let skip = escaping.quotedPrefix(line)
                out.append(contentsOf: line[skip...])
                start = end
            }
            return out
        }
    }
}

/// Reads the entries of an mbox held in memory (a mapped file or an array), without copying
/// message bytes: every entry's `rawMessage` is a view of the same storage.
///
/// ```swift
/// var reader = MboxReader(ByteView(copying: bytes))
/// while let entry = reader.next() { print(entry.messageOffset, entry.messageLength) }
/// ```
public struct MboxReader: IteratorProtocol, Sequence, Sendable {
    private let input: ByteView
    private var framer: MboxFramer

    /// Reads `input` (offsets are `input`'s absolute indices) as `options.format`.
    public init(_ input: ByteView, options: MboxReadOptions = MboxReadOptions()) {
        self.input = input
        self.framer = MboxFramer(options: options, start: input.startIndex)
    }

    /// Reads the entries whose `From ` line starts at or after `offset` (an absolute index of
    /// `input`): reading resumes at the first valid `From ` line that starts a line there.
    /// With the offsets of `list --range START:END`, the caller stops at the first entry whose
    /// `offset` is `END` or more.
    public init(_ input: ByteView, options: MboxReadOptions = MboxReadOptions(), startingAt offset: Int) {
        self.input = input
        let start = Swift.min(Swift.max(offset, input.startIndex), input.endIndex)
        self.framer = start == input.startIndex
            ? MboxFramer(options: options, start: start)
            : MboxFramer(options: options, resynchronizingAt: start)
    }

    public mutating func next() -> MboxEntry? {
        input.storage.withUnsafeBytes { all in
            let buffer = UnsafeRawBufferPointer(rebasing: all[..<input.endIndex])
            guard case .entry(let bounds) = framer.step(buffer, base: 0, atEOF: true) else { return nil }
            return MboxEntry(bounds, buffer: buffer, base: 0, view: input)
        }
    }
}

extension MboxEntry {
    /// Builds an entry from framer bounds over `buffer` (absolute offsets from `base`). With
    /// `view` (whose indices are the same absolute offsets) the message is a view of it;
    /// without, a copy.
    init(_ b: MboxFramer.Bounds, buffer: UnsafeRawBufferPointer, base: Int, view: ByteView?) {
        func slice(_ r: Range<Int>) -> [UInt8] {
            Array(buffer[(r.lowerBound - base)..<(r.upperBound - base)])
        }
        offset = b.entry.lowerBound
        length = b.entry.count
        fromLineRange = b.fromLine
        if let s = b.sender, let d = b.date {
            envelope = MboxEnvelope(sender: slice(s), date: slice(d))
        }
        messageOffset = b.message.lowerBound
        // A copied window keeps the message's offsets in the mbox.
        rawMessage = view?[b.message] ?? ByteView(ByteStorage(slice(b.message), startOffset: b.message.lowerBound))
        escaping = b.escaping
        quotedLineCount = b.quotedLines
        defects = b.defects
    }
}
