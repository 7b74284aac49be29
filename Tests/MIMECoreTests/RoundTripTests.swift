import MIMECore
import Testing

/// parse → write reproduces the input byte for byte (DESIGN.md §3), for every corpus file,
/// as given (LF) and with every line ending turned into CR LF.
@Suite(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
struct CorpusRoundTripTests {
    @Test func corpusIsPresent() {
        #expect(SharedCorpus.isAvailable, "CI requires ../shared/corpus")
        #expect(SharedCorpus.messageFiles.count > 6_500)
    }

    @Test(arguments: [false, true])
    func everyFileRoundTrips(crlf: Bool) throws {
        var failures: [String] = []
        var count = 0
        for path in SharedCorpus.messageFiles {
            var bytes = try SharedCorpus.bytes(path)
            if crlf { bytes = SharedCorpus.crlf(bytes) }
            let message = Message(parsing: bytes)
            let written = message.serialized()
            count += 1
            if written != bytes {
                let at = zip(written, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(written.count, bytes.count)
                failures.append("\(path): first difference at byte \(at)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(count) differ: \(failures.prefix(10))")
        #expect(count == SharedCorpus.messageFiles.count)
    }

    /// Editing one field changes that field's bytes and nothing else.
    @Test func editingOneFieldLeavesEveryOtherByte() throws {
        var checked = 0
        for path in SharedCorpus.messageFiles {
            let bytes = try SharedCorpus.bytes(path)
            var message = Message(parsing: bytes)
            guard let index = message.fields.indices.first(where: { message.fields[$0].hasName("subject") })
                ?? message.fields.indices.first else { continue }
            let old = message.fields[index]
            message.replaceFieldValue(at: index, with: Array("edited by mailparse".utf8))
            let written = message.serialized()
            let before = Array(bytes[..<old.raw.startIndex])
            let after = Array(bytes[old.raw.endIndex...])
            #expect(Array(written.prefix(before.count)) == before, "\(path)")
            #expect(Array(written.suffix(after.count)) == after, "\(path)")
            let middle = Array(written[before.count..<(written.count - after.count)])
            #expect(middle == old.nameBytes + Array(": edited by mailparse".utf8) + (old.raw.bytes.suffix(2) == [13, 10] ? [13, 10] : [10]), "\(path)")
            checked += 1
        }
        #expect(checked > 6_500)
    }
}
