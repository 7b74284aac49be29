import Foundation
import MIMECore
import Testing

/// GMime's expected summary for its boundary-prefix trap (`gmime/mbox/output/substring.mbox`):
/// boundaries `x`, `xy`, `xyz`; `x` reused at every level; an empty boundary at every level.
@Suite(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
struct GMimeSummaryTests {
    @Test(arguments: [false, true])
    func substringBoundariesMatchGMime(crlf: Bool) throws {
        let input = try SharedCorpus.bytes("gmime/mbox/input/substring.mbox")
        let summary = String(decoding: try SharedCorpus.bytes("gmime/mbox/output/substring.mbox"), as: UTF8.self)
        let blocks = summary.components(separatedBy: "message offsets: ").dropFirst()
        #expect(blocks.count == 3)
        for block in blocks {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let messageOffsets = lines[0].components(separatedBy: ", ").map { Int($0)! }
            let headerOffsets = lines[1].replacingOccurrences(of: "header offsets: ", with: "")
                .components(separatedBy: ", ").map { Int($0)! }
            let expectedTree = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Content-Type:") }
                .map { line -> String in
                    let depth = (line.prefix { $0 == " " }.count) / 3
                    return "\(depth) " + line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Content-Type: ", with: "")
                }
            var bytes = Array(input[messageOffsets[0]..<messageOffsets[1]])
            if crlf { bytes = SharedCorpus.crlf(bytes) }
            let message = Message(parsing: bytes)
            let tree = message.parts.map { "\($0.depth) \($0.mediaType)" }
            #expect(tree == expectedTree)
            #expect(message.root.headerStart == headerOffsets[0] - messageOffsets[0] + (crlf ? 1 : 0))
            if !crlf {
                // GMime's header end is the offset of the blank line.
                #expect(message.root.blankLine.lowerBound == headerOffsets[1] - messageOffsets[0])
            }
            #expect(message.serialized() == bytes)
        }
    }
}
