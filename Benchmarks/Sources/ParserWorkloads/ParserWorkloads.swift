// The parser workloads the benchmarks measure, in one library so the ordo-one suite and the quick
// `parse-bench` timer (for `perf record`) run exactly the same code.
@_spi(Benchmarking) import MIMECore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// glibc's `memmem` (two-way search with vector loops); the Glibc module hides it behind `_GNU_SOURCE`.
@usableFromInline
@_silgen_name("memmem")
func gnuMemmem(_ haystack: UnsafeRawPointer, _ haystackCount: Int, _ needle: UnsafeRawPointer, _ needleCount: Int)
    -> UnsafeMutableRawPointer?

/// Whole-corpus passes of the parser. Each returns a count derived from the work, so the optimiser keeps it.
public enum ParserWorkload {
    /// Calls `body` with each message of an mboxrd corpus, as stored (`>From ` escaping left in, as GMime reads
    /// it): from its `From ` envelope line through the line break before the blank line that separates it from
    /// the next message.
    ///
    /// Framing uses `memmem` for `\n\nFrom `, so it costs a small fraction of a line scan and the parser's own
    /// work dominates the figures. (Body lines starting `From ` are escaped in mboxrd, and the generator writes a
    /// blank line after every message.)
    @inlinable
    public static func forEachMessage(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let separator: StaticString = "\n\nFrom "
        var start = 0
        while start < bytes.count {
            let end: Int
            let nextStart: Int
            if let hit = gnuMemmem(base + start, bytes.count - start, separator.utf8Start, separator.utf8CodeUnitCount) {
                let at = UnsafeRawPointer(hit) - base
                end = at + 1
                nextStart = at + 2
            } else {
                end = bytes.count
                nextStart = bytes.count
            }
            body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            start = nextStart
        }
    }

    /// The byte range of every message, as `forEachMessage` frames them. The parser benchmarks frame once,
    /// outside the measured work: `glibc`'s `memmem` for `\n\nFrom ` costs about as much as the memchr line
    /// scan on these corpora, which would hide the parser's own figures (the `Mbox` group measures framing).
    public static func messageRanges(_ bytes: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = bytes.baseAddress else { return ranges }
        forEachMessage(bytes) { message in
            let start = message.baseAddress.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? 0
            ranges.append(start..<(start + message.count))
        }
        return ranges
    }

    /// The number of messages `forEachMessage` finds.
    public static func messageCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        var count = 0
        forEachMessage(bytes) { _ in count += 1 }
        return count
    }

    /// `MIMEReader` events only, on the zero-copy path `Message` uses (no bytes copied into events): the
    /// number of events over every message of `messages` (from `messageRanges`).
    public static func readerEvents(_ bytes: UnsafeRawBufferPointer, messages: [Range<Int>]) -> Int {
        var events = 0
        for range in messages {
            let message = UnsafeRawBufferPointer(rebasing: bytes[range])
            var reader = MIMEReader(keepingBytes: false)
            reader.finish()
            while let event = reader.benchmarkNext(wholeInput: message, base: 0) {
                // Touch the event so the optimiser cannot drop it.
                if case .entityEnd = event { events &+= 2 } else { events &+= 1 }
            }
        }
        return events
    }

    /// The full `Message` tree of every message of `messages` (from `messageRanges`), over the corpus bytes in
    /// place (no copy): the number of parts.
    public static func messageTree(_ bytes: UnsafeRawBufferPointer, messages: [Range<Int>]) -> Int {
        var parts = 0
        for range in messages {
            let message = UnsafeRawBufferPointer(rebasing: bytes[range])
            let storage = ByteStorage(unsafeBytes: message, startOffset: 0, release: nil)
            parts &+= Message(parsing: ByteView(storage)).parts.count
        }
        return parts
    }

    /// Header semantics on every message's top-level header (issue 3's benchmark): every field's
    /// decoded value (unfolding, RFC 2047), and the structured reading its name calls for
    /// (addresses, dates, message IDs, Received, Content-Type). Returns the header bytes handled,
    /// so MB/s can be given per header byte as well as per corpus byte.
    public static func headerSemantics(_ bytes: UnsafeRawBufferPointer, messages: [Range<Int>]) -> Int {
        var headerBytes = 0
        var sink = 0
        for range in messages {
            let message = UnsafeRawBufferPointer(rebasing: bytes[range])
            let parsed = Message(parsing: ByteView(ByteStorage(unsafeBytes: message, startOffset: 0, release: nil)))
            headerBytes &+= parsed.root.headerRange.count
            var defects: [Defect] = []
            for field in parsed.fields(of: .root) {
                let name = field.name
                let raw = field.rawValue
                sink &+= HeaderValue.decodedText(name: name, raw: raw).text.utf8.count
                switch name.lowercased() {
                case "from", "to", "cc", "reply-to", "sender", "bcc":
                    sink &+= HeaderValue.addresses(raw, defects: &defects).count
                case "date":
                    sink &+= HeaderValue.date(raw, defects: &defects)?.day ?? 0
                case "message-id", "references", "in-reply-to":
                    sink &+= HeaderValue.messageIDs(raw, defects: &defects).count
                case "received":
                    sink &+= HeaderValue.received(raw, defects: &defects).by?.count ?? 0
                case "content-type":
                    sink &+= HeaderValue.unfold(raw).withUnsafeBytes { MediaType(parsing: $0, defects: &defects)?.parameters.count ?? 0 }
                default:
                    break
                }
                defects.removeAll(keepingCapacity: true)
            }
        }
        return headerBytes &+ (sink & 1)
    }

    /// The `memchr` newline scan every figure is a ratio to.
    public static func memchrLines(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard var cursor = bytes.baseAddress else { return 0 }
        let end = cursor + bytes.count
        var lines = 0
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            lines += 1
            cursor = UnsafeRawPointer(found) + 1
        }
        return lines
    }
}
