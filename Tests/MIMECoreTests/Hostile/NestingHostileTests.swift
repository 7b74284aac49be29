@testable import MIMECore
import Testing

/// 5,000 levels of nesting: the parse completes, depth stops at `maxNestingDepth` (deeper
/// entities are leaves), `nestingTooDeep` is reported, and the bytes round-trip.
struct NestingHostileTests {
    static let depth = 5_000

    @Test func deepMultipartNesting() {
        let input = HostileInput.nestedMultiparts(depth: Self.depth)
        let options = ParserOptions()
        let message = HostileInput.parseRoundTrip(input, options: options)
        let deepest = message.parts.map(\.depth).max() ?? 0
        #expect(deepest <= options.maxNestingDepth)
        #expect(deepest >= options.maxNestingDepth - 1, "nesting is capped, not refused")
        #expect(message.parts.count <= options.maxNestingDepth + 2)
        #expect(message.allDefects.contains { $0.kind == .nestingTooDeep })
    }

    @Test func deepMessageNesting() {
        let input = HostileInput.nestedMessages(depth: Self.depth)
        let options = ParserOptions()
        let message = HostileInput.parseRoundTrip(input, options: options)
        let deepest = message.parts.map(\.depth).max() ?? 0
        #expect(deepest <= options.maxNestingDepth)
        #expect(deepest >= options.maxNestingDepth - 1)
        #expect(message.allDefects.contains { $0.kind == .nestingTooDeep })
    }

    /// The streaming reader's frame stack stays bounded by the limit, not by the input.
    @Test(arguments: [false, true])
    func streamingFrameStackIsBounded(messages: Bool) {
        let input = messages ? HostileInput.nestedMessages(depth: Self.depth)
                             : HostileInput.nestedMultiparts(depth: Self.depth)
        var options = ParserOptions()
        options.maxNestingDepth = 20
        let run = HostileInput.stream(input, options: options, chunk: 4_096)
        #expect(run.maxFrames <= options.maxNestingDepth + 2)
        #expect(HostileInput.defectKinds(run.events).contains(.nestingTooDeep))
        let begins = run.events.filter { if case .entityBegin = $0 { true } else { false } }.count
        #expect(begins <= options.maxNestingDepth + 2)
        HostileInput.parseRoundTrip(input, options: options)
    }

    /// A low limit is honoured exactly as configured.
    @Test func configuredDepthLimit() {
        var options = ParserOptions()
        options.maxNestingDepth = 3
        let message = HostileInput.parseRoundTrip(HostileInput.nestedMultiparts(depth: 50), options: options)
        #expect((message.parts.map(\.depth).max() ?? 0) <= 3)
        #expect(message.allDefects.contains { $0.kind == .nestingTooDeep })
    }
}
