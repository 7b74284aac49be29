#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Reads an mbox file (plain or gzip-compressed, detected by content: `1f 8b`) in windows, so
/// memory stays bounded by the largest message plus one window whatever the file size.
///
/// It frames exactly as `MboxReader` does (the same `MboxFramer`), which the tests check for
/// window sizes from 1 KiB to 1 MiB. Each entry's `rawMessage` owns a copy of its bytes, or, with
/// `MboxReadOptions.entriesShareWindow`, is a view of the window it was read from (which then
/// stays alive while the entry does; the reader reads on into new memory meanwhile). The offsets
/// are absolute positions in the file (for gzip: in the decompressed stream).
///
/// ```swift
/// var reader = try MboxFileReader(path: "archive.mbox.gz")
/// while let entry = try reader.next() { … }
/// ```
public struct MboxFileReader {
    private var source: any ByteSource
    private var framer: MboxFramer
    /// Storage for the bytes in hand, `memory.bytes[0..<filled]`; the rest is room for the next
    /// read (kept, so that refilling neither zero-fills nor reallocates).
    private var memory = WindowMemory(capacity: 0)
    private var filled = 0
    /// The bytes in hand as storage that entries can view (`entriesShareWindow`), made on demand
    /// and dropped before the window changes.
    private var shared: ByteStorage? = nil
    /// The window before the current one, reused once no entry views it (callers that keep an entry
    /// or two then cost no new memory, and no page faults, per window).
    private var spare: WindowMemory? = nil
    private let sharesWindow: Bool
    /// Absolute offset of `memory.bytes[0]`.
    private var base = 0
    private var atEOF = false
    private let windowSize: Int
    /// The path, for error messages.
    public let path: String
    /// Whether the input was gzip-compressed.
    public let isCompressed: Bool

    /// Opens `path` and detects gzip by its first two bytes.
    public init(path: String, options: MboxReadOptions = MboxReadOptions()) throws(MailboxError) {
        try self.init(source: FileSource(path: path), path: path, options: options)
    }

    /// Opens `path` and reads the entries whose `From ` line starts at or after `offset` (see
    /// `MboxReader.init(_:options:startingAt:)`; the same entries, the same offsets). A plain
    /// file is entered with `lseek`; gzip input is decompressed from the start and the bytes
    /// before `offset` are dropped as they come.
    public init(path: String, options: MboxReadOptions = MboxReadOptions(), startingAt offset: Int) throws(MailboxError) {
        let file = try FileSource(path: path)
        var first: [UInt8] = [0, 0]
        let n = try first.withUnsafeMutableBytes { raw in
            Result { () throws(MailboxError) -> Int in try file.read(into: raw) }
        }.get()
        let compressed = n == 2 && first == [0x1F, 0x8B]
        if offset > 0, !compressed, file.seek(to: offset - 1) {
            try self.init(source: file, path: path, options: options, detectCompression: false)
            base = offset - 1
            framer = MboxFramer(options: options, resynchronizingAt: offset)
        } else {
            _ = file.seek(to: 0)
            try self.init(source: file, path: path, options: options)
            if offset > 0 { try skip(to: offset) }
        }
    }

    /// Drops input before `offset` (for sources that cannot seek) and resynchronises there.
    private mutating func skip(to offset: Int) throws(MailboxError) {
        while base + filled < offset - 1 && !atEOF {
            base += filled
            filled = 0
            try refill()
        }
        let drop = min(filled, max(0, offset - 1 - base))
        discard(drop)
        framer = MboxFramer(options: framer.options, resynchronizingAt: offset)
    }

    /// Reads from `source` (e.g. `FileSource(descriptor: 0, name: "-")` for standard input),
    /// detecting gzip by its first two bytes.
    public init(source: any ByteSource, path: String, options: MboxReadOptions = MboxReadOptions()) throws(MailboxError) {
        try self.init(source: source, path: path, options: options, detectCompression: true)
    }

    private init(source: any ByteSource, path: String, options: MboxReadOptions, detectCompression: Bool) throws(MailboxError) {
        var source = source
        self.path = path
        self.windowSize = max(options.windowSize, 64)
        self.sharesWindow = options.entriesShareWindow
        self.framer = MboxFramer(options: options)
        // Read the first window now to look at the magic number.
        var first = [UInt8](repeating: 0, count: windowSize)
        var filled = 0
        while filled < 2 {
            let n = try first.withUnsafeMutableBytes { raw in
                Result { () throws(MailboxError) -> Int in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...]))
                }
            }.get()
            if n == 0 { break }
            filled += n
        }
        first.removeSubrange(filled...)
        if detectCompression && first.count >= 2 && first[0] == 0x1F && first[1] == 0x8B {
            let prefixed = PrefixedSource(prefix: first, rest: source)
            self.source = try GzipSource(prefixed, path: path)
            self.isCompressed = true
        } else {
            self.source = source
            let memory = WindowMemory(capacity: first.count + windowSize)
            first.withUnsafeBytes { raw in
                guard let from = raw.baseAddress, raw.count > 0 else { return }
                memory.bytes.baseAddress!.copyMemory(from: from, byteCount: raw.count)
            }
            self.memory = memory
            self.filled = first.count
            self.atEOF = first.isEmpty
            self.isCompressed = false
        }
    }

    /// The next entry, or nil at the end of the file.
    public mutating func next() throws(MailboxError) -> MboxEntry? {
        while true {
            let inHand = UnsafeRawBufferPointer(rebasing: memory.bytes[..<filled])
            switch framer.step(inHand, base: base, atEOF: atEOF) {
            case .end:
                return nil
            case .entry(let bounds):
                guard sharesWindow else { return MboxEntry(bounds, buffer: inHand, base: base, view: nil) }
                if shared == nil {
                    let owner = memory
                    shared = ByteStorage(unsafeBytes: inHand, startOffset: base) { withExtendedLifetime(owner) {} }
                }
                return MboxEntry(bounds, buffer: inHand, base: base, view: ByteView(shared!))
            case .needMoreData:
                if atEOF { return nil }  // cannot happen: the framer always finishes at EOF
                try refill()
            }
        }
    }

    /// Drops the bytes the framer no longer needs and appends one window.
    private mutating func refill() throws(MailboxError) {
        discard(framer.keepFrom - base)
        let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: memory.bytes[filled..<(filled + windowSize)]))
        filled += n
        if n == 0 { atEOF = true }
    }

    /// Forgets the first `count` bytes in hand, moving the rest to the front, and makes room for
    /// a window after them. The memory is reused when no entry views it; otherwise the rest moves
    /// to new memory and the old stays with the entries.
    private mutating func discard(_ count: Int) {
        shared = nil
        let count = max(0, count)
        let remaining = filled - count
        let needed = remaining + windowSize
        if isKnownUniquelyReferenced(&memory), memory.bytes.count >= needed {
            if count > 0, remaining > 0 {
                _ = memmove(memory.bytes.baseAddress!, memory.bytes.baseAddress! + count, remaining)
            }
        } else {
            var fresh: WindowMemory
            if var reusable = spare.take(), isKnownUniquelyReferenced(&reusable), reusable.bytes.count >= needed {
                fresh = reusable
            } else {
                fresh = WindowMemory(capacity: max(needed, memory.bytes.count))
            }
            if remaining > 0 {
                fresh.bytes.baseAddress!.copyMemory(from: memory.bytes.baseAddress! + count, byteCount: remaining)
            }
            swap(&fresh, &memory)
            spare = fresh
        }
        filled = remaining
        base += count
    }
}

/// The memory of a read window, freed when the reader and every entry viewing it are done with it.
/// (@unchecked: the reader writes to it only while it holds the only reference.)
final class WindowMemory: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer

    init(capacity: Int) {
        bytes = .allocate(byteCount: max(capacity, 1), alignment: 16)
    }

    deinit { bytes.deallocate() }
}

/// Replays bytes already read before continuing with the source they came from.
struct PrefixedSource: ByteSource {
    var prefix: [UInt8]
    var rest: any ByteSource

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(MailboxError) -> Int {
        if !prefix.isEmpty {
            let n = min(prefix.count, buffer.count)
            prefix.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: n) }
            prefix.removeFirst(n)
            return n
        }
        return try rest.read(into: buffer)
    }
}
