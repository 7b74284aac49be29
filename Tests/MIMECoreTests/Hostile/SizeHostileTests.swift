@testable import MIMECore
import Testing

/// Huge counts and huge lines: bounded by the limits in `ParserOptions`, with defects.
struct SizeHostileTests {
    /// 100,000 parts: capped at `maxParts`, `tooManyParts` reported, the rest kept as bytes.
    @Test func hundredThousandParts() {
        let input = HostileInput.manyParts(100_000)
        let options = ParserOptions()
        let message = HostileInput.parseRoundTrip(input, options: options)
        #expect(message.parts.count <= options.maxParts)
        #expect(message.parts.count >= options.maxParts - 1, "parts up to the limit are kept")
        #expect(message.allDefects.contains { $0.kind == .tooManyParts })
        // The bytes past the limit are accounted for, not dropped.
        #expect(message.root.bodyEnd == input.count)
    }

    /// A 50 MB header line fed to the streaming reader: the field keeps at most `maxFieldBytes`
    /// bytes, its range still covers the whole line, and `fieldTooLong` is reported.
    @Test func fiftyMegabyteHeaderLine() {
        let length = 50_000_000
        let input = HostileInput.longHeaderLine(length)
        let options = ParserOptions()
        let run = HostileInput.stream(input, options: options, chunk: 1 << 20)
        #expect(run.maxFieldBytes <= options.maxFieldBytes)
        let kinds = HostileInput.defectKinds(run.events)
        #expect(kinds.contains(.fieldTooLong))
        let fields = run.events.compactMap { if case .field(let s, _) = $0 { s } else { nil } }
        #expect(fields.first.map { $0.range.count >= length } == true, "the field's range covers the line")
        // Still a header: the To field after it is seen, and the body is found.
        #expect(fields.count >= 2)
        #expect(run.events.contains { if case .body = $0 { true } else { false } })
    }

    /// The same line through `Message`: bounded structural work, exact round trip.
    @Test func longHeaderLineMessageRoundTrip() {
        let input = HostileInput.longHeaderLine(4_000_000)
        let message = HostileInput.parseRoundTrip(input)
        #expect(message.root.bodyEnd == input.count)
    }

    /// Many fields in one header: capped at `maxFieldsPerHeader`, `tooManyFields` reported.
    @Test func manyHeaderFields() {
        var input: [UInt8] = []
        for i in 0..<30_000 { input += HostileInput.bytes("X-F\(i): v\n") }
        input += HostileInput.bytes("\nbody\n")
        let options = ParserOptions()
        let message = HostileInput.parseRoundTrip(input, options: options)
        #expect(message.fields.count <= options.maxFieldsPerHeader)
        #expect(message.allDefects.contains { $0.kind == .tooManyFields })
    }
}
