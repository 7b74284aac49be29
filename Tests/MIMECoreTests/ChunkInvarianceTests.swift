import Foundation
@testable import MIMECore
import Testing

/// Feeding the same bytes in any chunking gives the same events (DESIGN.md, MIMEReader): every
/// non-content event identical, content bytes identical once adjacent runs are merged.
@Suite(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
struct ChunkInvarianceTests {
    /// Small caps so the corpus exercises the line and field limits too.
    static var options: ParserOptions {
        var o = ParserOptions()
        o.maxLineLength = 512
        o.maxFieldBytes = 2_048
        return o
    }

    /// Sizes 1–3 feed byte by byte and are slow in debug builds: CI runs them on a seeded sample,
    /// `MAILPARSE_FULL_SWEEP=1` (with a release test build) on everything.
    static var fullSweep: Bool { ProcessInfo.processInfo.environment["MAILPARSE_FULL_SWEEP"] == "1" }

    @Test(arguments: [false, true])
    func corpusEventsAreChunkInvariant(crlf: Bool) throws {
        var generator = SplitMix64(seed: 2026)
        var compared = 0
        for path in SharedCorpus.messageFiles {
            var bytes = try SharedCorpus.bytes(path)
            if crlf { bytes = SharedCorpus.crlf(bytes) }
            let reference = Self.events(bytes, chunk: nil)
            var sizes = [64, 4096]
            if Self.fullSweep || generator.next() % 40 == 0 { sizes = [1, 2, 3, 7] + sizes }
            for size in sizes {
                let events = Self.events(bytes, chunk: size)
                #expect(events == reference, "\(path) differs when fed in chunks of \(size) (crlf: \(crlf))")
                if events != reference { return }
            }
            // The zero-copy whole-input path that Message uses agrees too (ranges only).
            #expect(Self.rangesOnly(reference) == Self.wholeInputEvents(bytes), "\(path) whole-input path")
            // With the default limits, which let the whole-field header path run on every message.
            #expect(Self.rangesOnly(Self.events(bytes, chunk: nil, options: ParserOptions()))
                        == Self.wholeInputEvents(bytes, options: ParserOptions()), "\(path) whole-input path, default limits")
            compared += 1
        }
        #expect(compared == SharedCorpus.messageFiles.count)
    }

    /// Events from feeding `bytes` in chunks of `chunk` (nil: all at once), merged; checks after
    /// every feed that the reader holds no more than a line segment plus the chunk.
    static func events(_ bytes: [UInt8], chunk: Int?, options: ParserOptions = options) -> [MIMEReader.Event] {
        var reader = MIMEReader(options: options)
        var out: [MIMEReader.Event] = []
        let size = chunk ?? max(bytes.count, 1)
        var start = 0
        repeat {
            let end = min(bytes.count, start + size)
            reader.feed(Array(bytes[start..<end]))
            while let e = reader.next() { out.append(e) }
            let held = reader.buffer.count - (reader.cursor - reader.bufferStart)
            precondition(held <= options.maxLineLength + size, "reader holds \(held) bytes")
            precondition(reader.header.fieldBytes.count <= options.maxFieldBytes)
            start = end
        } while start < bytes.count
        reader.finish()
        while let e = reader.next() { out.append(e) }
        return merged(out)
    }

    static func wholeInputEvents(_ bytes: [UInt8], options: ParserOptions = options) -> [MIMEReader.Event] {
        var reader = MIMEReader(options: options, keepingBytes: false)
        reader.finish()
        var out: [MIMEReader.Event] = []
        bytes.withUnsafeBytes { raw in
            while let e = reader.next(wholeInput: raw, base: 0) { out.append(e) }
        }
        return merged(out)
    }

    /// Adjacent content events of the same kind merged into one.
    static func merged(_ events: [MIMEReader.Event]) -> [MIMEReader.Event] {
        var out: [MIMEReader.Event] = []
        for e in events {
            if let last = out.last, let joined = join(last, e) {
                out[out.count - 1] = joined
            } else {
                out.append(e)
            }
        }
        return out
    }

    static func join(_ a: MIMEReader.Event, _ b: MIMEReader.Event) -> MIMEReader.Event? {
        func cat(_ x: MIMEReader.Segment, _ y: MIMEReader.Segment) -> MIMEReader.Segment? {
            guard x.range.upperBound == y.range.lowerBound else { return nil }
            let bytes: [UInt8]? = x.bytes.map { $0 + (y.bytes ?? []) }
            return MIMEReader.Segment(range: x.range.lowerBound..<y.range.upperBound, bytes: bytes)
        }
        switch (a, b) {
        case (.body(let x), .body(let y)): return cat(x, y).map { .body($0) }
        case (.preamble(let x), .preamble(let y)): return cat(x, y).map { .preamble($0) }
        case (.epilogue(let x), .epilogue(let y)): return cat(x, y).map { .epilogue($0) }
        default: return nil
        }
    }

    static func rangesOnly(_ events: [MIMEReader.Event]) -> [MIMEReader.Event] {
        events.map { e in
            func strip(_ s: MIMEReader.Segment) -> MIMEReader.Segment { .init(range: s.range, bytes: nil) }
            switch e {
            case .envelope(let s): return .envelope(strip(s))
            case .ignoredLine(let s): return .ignoredLine(strip(s))
            case .field(let s, let c): return .field(strip(s), colon: c)
            case .headerEnd(let s, let b): return .headerEnd(strip(s), b)
            case .body(let s): return .body(strip(s))
            case .preamble(let s): return .preamble(strip(s))
            case .epilogue(let s): return .epilogue(strip(s))
            case .delimiter(let s, let c): return .delimiter(strip(s), isClose: c)
            default: return e
            }
        }
    }
}
