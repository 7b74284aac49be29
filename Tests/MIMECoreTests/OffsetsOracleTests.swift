import Foundation
import MIMECore
import Testing

/// MimeKit's golden part trees and byte offsets for its mbox test files, LF and CR LF
/// (`../shared/corpus/mimekit/mbox/*-offsets.json`). Each entry is parsed from its `From ` line to
/// its end offset, so this checks the MIME parser's offsets independently of mbox framing.
@Suite(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
struct OffsetsOracleTests {
    @Test(arguments: ["content-length", "issue1189"], [false, true])
    func partTreesAndOffsetsMatchMimeKit(name: String, crlf: Bool) throws {
        var bytes = try SharedCorpus.bytes("mimekit/mbox/\(name).mbox.txt")
        if crlf { bytes = SharedCorpus.crlf(bytes) }
        let goldenPath = "mimekit/mbox/\(name).\(crlf ? "dos" : "unix")-offsets.json"
        let golden = try JSONSerialization.jsonObject(
            with: Data(contentsOf: SharedCorpus.root.appendingPathComponent(goldenPath))) as! [[String: Any]]
        let source = ByteView(ByteStorage(bytes))
        var mismatches: [String] = []
        for (n, entry) in golden.enumerated() {
            let start = entry["mboxMarkerOffset"] as! Int
            let end = entry["endOffset"] as! Int
            let message = Message(parsing: source[start..<end])
            #expect(message.root.headerStart == entry["beginOffset"] as! Int, "\(name) message \(n + 1)")
            var actual: [String] = []
            describe(message, .root, into: &actual)
            var expected: [String] = []
            describe(entry["body"] as! [String: Any], depth: 0, into: &expected)
            if let reason = Self.deviations["\(name)#\(n + 1)"] {
                // A deliberate difference: pin what we do instead.
                #expect(actual != expected, "deviation no longer needed: \(reason)")
                let zip = message.parts.last!
                #expect(zip.mediaType.description == "application/x-zip-compressed")
                #expect(zip.defects.contains { $0.kind == .missingHeaderBodySeparator })
                #expect(message.body(of: zip.id).bytes.starts(with: Array("N3q8ry".utf8)))
                continue
            }
            if actual != expected {
                mismatches.append("message \(n + 1): expected \(expected) got \(actual)")
            }
        }
        #expect(mismatches.isEmpty, "\(name) crlf=\(crlf): \(mismatches.joined(separator: "\n"))")
        #expect(golden.count > 0)
    }

    /// Messages where we differ from MimeKit on purpose, and why.
    static let deviations = [
        // A part's header runs straight into base64 lines with no blank line. MimeKit reads the
        // colon-less lines as header (body empty); we end the header at the first line that is not
        // a field, as Python's email does, so the attachment's bytes stay its body.
        "issue1189#2": "missing blank line before a base64 body",
    ]

    /// One line per entity: depth, media type, header/body/end offsets, octets, lines.
    func describe(_ message: Message, _ id: Part.ID, into out: inout [String]) {
        let part = message[id]
        var lines = 0
        message.body(of: id).withUnsafeBytes { raw in
            lines = raw.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (raw.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
        }
        out.append("\(part.depth) \(part.mediaType) \(part.headerStart) \(part.bodyStart) \(part.bodyEnd) \(part.bodyRange.count) \(lines)")
        // MimeKit's `message.body` of a message/rfc822 part is the encapsulated message's entity.
        for child in message.children(of: id) { describe(message, child, into: &out) }
    }

    func describe(_ node: [String: Any], depth: Int, into out: inout [String]) {
        let begin = node["beginOffset"] as! Int, headersEnd = node["headersEndOffset"] as! Int
        let end = node["endOffset"] as! Int
        let octets = node["octets"] as? Int ?? (end - headersEnd)
        let lines = node["lines"] as? Int ?? -1
        out.append("\(depth) \((node["mimeType"] as! String).lowercased()) \(begin) \(headersEnd) \(end) \(octets) \(lines)")
        for child in node["children"] as? [[String: Any]] ?? [] { describe(child, depth: depth + 1, into: &out) }
        if let message = node["message"] as? [String: Any], let body = message["body"] as? [String: Any] {
            describe(body, depth: depth + 1, into: &out)
        }
    }
}
