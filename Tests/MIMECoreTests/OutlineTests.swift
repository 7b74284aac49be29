import MIMECore
import Testing

/// The streamed `MessageOutline` describes every message exactly as `Message` does.
@Suite(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
struct OutlineTests {
    static func summary(_ part: Part) -> String {
        "\(part.id.rawValue) \(part.parent?.rawValue ?? -1) \(part.depth) \(part.kind) \(part.mediaType) "
            + "\(part.mediaType.parameters.map { "\($0.name)=\($0.value)" }) \(part.transferEncoding ?? "-") "
            + "\(part.disposition.map { "\($0.type) \($0.parameters.map(\.value))" } ?? "-") "
            + "\(part.headerStart) \(part.bodyStart) \(part.bodyEnd) \(part.subtreeEnd) \(part.delimiters) "
            + "\(part.leadingLines.map { "\($0)" } ?? "-") \(part.defects)"
    }

    @Test func outlineMatchesMessageOnEveryCorpusFile() throws {
        var checked = 0
        for path in SharedCorpus.messageFiles {
            let bytes = try SharedCorpus.bytes(path)
            let message = Message(parsing: bytes)
            var builder = MessageOutline.Builder()
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 777)
                bytes[start..<end].withUnsafeBytes { builder.feed($0) }
                start = end
            }
            let outline = builder.finish()
            #expect(outline.parts.map(Self.summary) == message.parts.map(Self.summary), "\(path)")
            let lines = message.parts.map { part in
                message.body(of: part.id).withUnsafeBytes { raw in
                    raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + ((raw.last ?? 0x0A) == 0x0A ? 0 : 1)
                }
            }
            #expect(outline.bodyLines == lines, "\(path)")
            #expect(outline.size == bytes.count)
            checked += 1
        }
        #expect(checked == SharedCorpus.messageFiles.count)
    }
}
