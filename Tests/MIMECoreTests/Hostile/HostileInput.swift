@testable import MIMECore
import Testing

/// Generators for hostile input (DESIGN.md §3, "Hostile input") and the checks every hostile test
/// shares. The inputs are built here, never committed; `Benchmarks/hostile.sh` builds the same
/// families at two sizes for the scaling benchmark.
enum HostileInput {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// `depth` multiparts, each the only part of the one above, with a text leaf at the bottom.
    static func nestedMultiparts(depth: Int) -> [UInt8] {
        var out: [UInt8] = bytes("From: a@example.com\nMIME-Version: 1.0\n")
        for level in 0..<depth {
            out += bytes("Content-Type: multipart/mixed; boundary=\"b\(level)\"\n\n--b\(level)\n")
        }
        out += bytes("Content-Type: text/plain\n\nbottom\n")
        for level in (0..<depth).reversed() { out += bytes("--b\(level)--\n") }
        return out
    }

    /// `depth` message/rfc822 parts, each holding the next message.
    static func nestedMessages(depth: Int) -> [UInt8] {
        var out: [UInt8] = []
        for level in 0..<depth {
            out += bytes("Subject: level \(level)\nContent-Type: message/rfc822\n\n")
        }
        out += bytes("Subject: bottom\n\nbottom\n")
        return out
    }

    /// One multipart with `count` small parts.
    static func manyParts(_ count: Int) -> [UInt8] {
        var out = bytes("Content-Type: multipart/mixed; boundary=b\n\npreamble\n")
        let part = bytes("--b\n\nx\n")
        out.reserveCapacity(out.count + count * part.count + 8)
        for _ in 0..<count { out += part }
        out += bytes("--b--\n")
        return out
    }

    /// A header whose first field is one line of `length` value bytes.
    static func longHeaderLine(_ length: Int) -> [UInt8] {
        bytes("Subject: ") + [UInt8](repeating: UInt8(ascii: "a"), count: length) + bytes("\nTo: b@example.com\n\nbody\n")
    }

    /// An address list of `count` mailboxes (the value only, no field name).
    static func addressList(_ count: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * 22)
        for i in 0..<count {
            if i > 0 { out += bytes(", ") }
            out += bytes("u\(i)@example.com")
        }
        return out
    }

    /// Events from feeding `input` to a streaming reader in chunks of `chunk` bytes, with the
    /// deepest frame stack and the largest kept field seen along the way.
    static func stream(_ input: [UInt8], options: ParserOptions = ParserOptions(), chunk: Int = 1 << 16)
        -> (events: [MIMEReader.Event], maxFrames: Int, maxFieldBytes: Int)
    {
        var reader = MIMEReader(options: options, keepingBytes: true)
        var events: [MIMEReader.Event] = []
        var maxFrames = 0
        var maxField = 0
        func drain() {
            while let e = reader.next() {
                if case .field(let s, _) = e { maxField = max(maxField, s.bytes?.count ?? 0) }
                events.append(e)
                maxFrames = max(maxFrames, reader.frames.count)
            }
        }
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunk)
            input.withUnsafeBytes { reader.feed(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
            drain()
            start = end
        }
        reader.finish()
        drain()
        return (events, maxFrames, maxField)
    }

    static func defectKinds(_ events: [MIMEReader.Event]) -> Set<Defect.Kind> {
        Set(events.compactMap { if case .defect(let d) = $0 { d.kind } else { nil } })
    }

    /// Parses, checks the exact round trip (reporting the first differing byte) and returns the message.
    @discardableResult
    static func parseRoundTrip(_ input: [UInt8], options: ParserOptions = ParserOptions(),
                               sourceLocation: SourceLocation = #_sourceLocation) -> Message {
        let message = Message(parsing: input, options: options)
        let output = message.serialized()
        if output != input {
            let at = zip(output, input).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(output.count, input.count)
            Issue.record("round trip differs at byte \(at) of \(input.count)", sourceLocation: sourceLocation)
        }
        return message
    }
}
