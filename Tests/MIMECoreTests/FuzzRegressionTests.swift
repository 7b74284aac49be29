import Foundation
import MIMECore
import Testing

/// Every input in `Corpus/fuzz/` (crashes and invariant failures the fuzz harness found; see
/// Fuzz/README.md) parses without a crash and round-trips exactly, as a message and through the
/// streaming reader in small chunks.
struct FuzzRegressionTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus/fuzz")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }

    @Test func everyFuzzInputRoundTrips() throws {
        for name in Self.files {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            for options in Self.optionSets {
                let message = Message(parsing: bytes, options: options)
                #expect(message.serialized() == bytes, "\(name) does not round-trip")
                #expect(Message(parsing: message.serialized(), options: options).parts == message.parts, "\(name)")
                var reader = MIMEReader(options: options)
                var start = 0
                repeat {
                    let end = min(bytes.count, start + 3)
                    reader.feed(Array(bytes[start..<end]))
                    while reader.next() != nil {}
                    start = end
                } while start < bytes.count
                reader.finish()
                while reader.next() != nil {}
            }
        }
    }

    /// The `address-*` inputs (address lists the `address` target broke): every domain comes out
    /// without angle brackets, and the list written back with `headerText` reads the same.
    @Test func addressInputsRoundTripThroughTheWriter() throws {
        let names = Self.files.filter { $0.hasPrefix("address-") }
        #expect(names.count >= 2)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            var defects: [Defect] = []
            let addresses = Address.parseList(HeaderValue.unfold(bytes), defects: &defects)
            let mailboxes = addresses.flatMap(\.mailboxes)
            #expect(!mailboxes.isEmpty, "\(name)")
            for m in mailboxes {
                #expect(!m.domain.contains("<") && !m.domain.contains(">"), "\(name): domain \(m.domain)")
            }
            let written = addresses.map(\.headerText).joined(separator: ", ")
            var again: [Defect] = []
            #expect(Address.parseList(Array(written.utf8), defects: &again) == addresses, "\(name): \(written)")
            let known = Set(defects.map(\.kind))
            #expect(again.allSatisfy { $0.severity < .warning || known.contains($0.kind) }, "\(name): \(again)")
        }
    }

    /// The `uudecode-*` inputs: decoding byte by byte equals decoding whole (bytes and defects),
    /// and a short data line is padded (deviation 2) to no more than its count.
    @Test func uudecodeInputsAreChunkInvariant() throws {
        let names = Self.files.filter { $0.hasPrefix("uudecode-") }
        #expect(!names.isEmpty)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            let whole = bytes.withUnsafeBytes { UUDecoder.decode($0) }
            var decoder = UUDecoder()
            var output: [UInt8] = []
            for b in bytes { [b].withUnsafeBytes { decoder.decode($0, into: &output) } }
            decoder.finish(into: &output)
            #expect(output == whole.bytes && decoder.defects == whole.defects, "\(name)")
            let lines = bytes.count(where: { $0 == 10 }) + 1
            #expect(whole.bytes.count <= 63 * lines, "\(name)")
        }
        let short = Array("begin 644 f\nM_o\n".utf8).withUnsafeBytes { UUDecoder.decode($0) }
        #expect(short.bytes.count == 45 && short.defects.contains { $0.kind == .uuencodeLineLength })
    }

    /// The `charset-*` inputs (selector byte, then text): as a B-encoded UTF-8 word followed by
    /// text, the text after the word survives, compared as bytes. The first one ends in U+0602,
    /// a grapheme prefix, which made a `String.hasSuffix` check in the harness fail.
    @Test func charsetInputsKeepTheTextAfterAnEncodedWord() throws {
        let names = Self.files.filter { $0.hasPrefix("charset-") }
        #expect(!names.isEmpty)
        for name in names {
            let bytes = [UInt8](try Data(contentsOf: Self.directory.appendingPathComponent(name)))
            let payload = bytes.dropFirst().withUnsafeBytes { Base64Encoder.encode($0, lineLength: 1 << 30) }
            let word = Array("=?UTF8?B?".utf8) + payload + Array("?= tail".utf8)
            let text = EncodedWord.decodeText(word).text
            #expect(Array(text.utf8).suffix(5) == Array(" tail".utf8), "\(name)")
            #expect(text.utf8.count > 5)
        }
    }

    /// The defaults and the small limits the harness uses.
    static var optionSets: [ParserOptions] {
        var small = ParserOptions()
        small.maxNestingDepth = 3
        small.maxParts = 8
        small.maxLineLength = 64
        small.maxFieldBytes = 48
        small.maxFieldsPerHeader = 4
        return [ParserOptions(), small]
    }
}
