import Foundation
import MIMECore
import Testing

/// What each message in our own `Corpus/` must parse to (see `Corpus/README.md`).
struct OwnCorpusTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    static func message(_ name: String) throws -> Message {
        Message(parsing: [UInt8](try Data(contentsOf: root.appendingPathComponent("messages/\(name)"))))
    }

    /// Depth and media type of every part, depth-first.
    static func tree(_ m: Message) -> [String] { m.parts.map { "\($0.depth) \($0.mediaType)" } }

    static let expectedTrees: [(String, [String])] = [
        ("simple-lf.eml", ["0 text/plain"]),
        ("simple-crlf.eml", ["0 text/plain"]),
        ("nested-rfc822.eml", ["0 multipart/mixed", "1 text/plain", "1 message/rfc822", "2 multipart/alternative",
                               "3 text/plain", "3 text/html"]),
        ("digest.eml", ["0 multipart/digest", "1 message/rfc822", "2 text/plain", "1 text/plain"]),
        ("prefix-boundaries.eml", ["0 multipart/mixed", "1 multipart/alternative", "2 text/plain", "1 text/plain"]),
        ("missing-close.eml", ["0 multipart/mixed", "1 text/plain", "1 text/plain"]),
        ("no-blank-line.eml", ["0 text/plain"]),
        ("padding-epilogue.eml", ["0 multipart/mixed", "1 text/plain"]),
        ("folded-boundary.eml", ["0 multipart/mixed", "1 text/plain"]),
        ("rfc2231-filename.eml", ["0 multipart/mixed", "1 application/pdf"]),
        ("bare-cr-nul.eml", ["0 application/octet-stream"]),
        ("envelope-first-line.eml", ["0 text/plain"]),
        ("mixed-line-endings.eml", ["0 multipart/mixed", "1 text/plain", "1 text/plain"]),
        ("deep-nesting.eml", (0...8).map { "\($0) multipart/mixed" } + ["9 text/plain"]),
    ]

    @Test(arguments: expectedTrees.map(\.0))
    func partTreeAndRoundTrip(name: String) throws {
        let m = try Self.message(name)
        #expect(Self.tree(m) == Self.expectedTrees.first { $0.0 == name }!.1)
        #expect(m.serialized() == m.source.bytes)
    }

    @Test func everyCorpusMessageIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("messages").path)
        #expect(Set(files) == Set(Self.expectedTrees.map(\.0)))
    }

    @Test func bodiesExcludeTheLineBreakBeforeADelimiter() throws {
        let m = try Self.message("nested-rfc822.eml")
        #expect(String(decoding: m.body(of: Part.ID(rawValue: 1)).bytes, as: UTF8.self) == "See the forwarded message.")
        #expect(String(decoding: m.body(of: Part.ID(rawValue: 5)).bytes, as: UTF8.self)
                == "<p>First actual case of bug being found.</p>")
        let root = m.root
        #expect(String(decoding: m.source[root.preamble!].bytes, as: UTF8.self)
                == "This is the preamble; MIME readers ignore it.")
        #expect(String(decoding: m.source[root.epilogue!].bytes, as: UTF8.self) == "\nThis is the epilogue.\n")
        #expect(m.allDefects.isEmpty)
    }

    @Test func missingCloseDelimiterIsADefect() throws {
        let m = try Self.message("missing-close.eml")
        #expect(m.root.defects.map(\.kind) == [.missingCloseDelimiter])
        #expect(m.root.defects[0].offset == m.source.count)
    }

    @Test func headerWithoutBlankLine() throws {
        let m = try Self.message("no-blank-line.eml")
        #expect(m.fields.count == 2)
        #expect(m.root.defects.map(\.kind) == [.missingHeaderBodySeparator])
        #expect(m.body(of: .root).bytes.starts(with: Array("This line has no colon".utf8)))
    }

    @Test func transportPaddingAndEpilogue() throws {
        let m = try Self.message("padding-epilogue.eml")
        #expect(m.root.delimiters.count == 2)
        #expect(String(decoding: m.source[m.root.epilogue!].bytes, as: UTF8.self) == "\nepilogue line 1\nepilogue line 2\n")
        #expect(m.allDefects.isEmpty)
    }

    @Test func foldedBoundaryAndRFC2231() throws {
        #expect(try Self.message("folded-boundary.eml").root.mediaType.parameter("boundary") == "folded boundary")
        let pdf = try Self.message("rfc2231-filename.eml").parts[1]
        #expect(pdf.filename == "rapport été.pdf")
        #expect(pdf.disposition?.type == "attachment")
        #expect(pdf.disposition?.parameters.first?.language == "fr")
        #expect(pdf.transferEncoding == "base64")
    }

    @Test func envelopeLineIsFraming() throws {
        let m = try Self.message("envelope-first-line.eml")
        #expect(m.envelope == 0..<49)
        #expect(m.root.headerStart == 49)
        #expect(m.allDefects.isEmpty)
        #expect(m.fields.first?.name == "From")
    }

    @Test func digestDefaultsToMessageRFC822() throws {
        let m = try Self.message("digest.eml")
        #expect(m.parts[1].mediaTypeIsExplicit == false)
        #expect(m.parts[1].kind == .message)
        #expect(m.parts[3].mediaTypeIsExplicit)
    }

    @Test func nestingLimitMakesDeepEntitiesLeaves() throws {
        var options = ParserOptions()
        options.maxNestingDepth = 3
        let bytes = try Self.message("deep-nesting.eml").source.bytes
        let m = Message(parsing: bytes, options: options)
        #expect(m.parts.count == 4)
        #expect(m.parts[3].kind == .leaf)
        #expect(m.allDefects.contains { $0.kind == .nestingTooDeep })
        #expect(m.serialized() == bytes)
    }
}
