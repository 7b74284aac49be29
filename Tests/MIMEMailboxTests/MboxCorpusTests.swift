import MIMECore
@testable import MIMEMailbox
import Testing

/// The mbox readers against MimeKit's and GMime's expectations (see ../shared/corpus/README.md).
@Suite struct MboxCorpusTests {
    /// The `From ` marker lines of a MimeKit summary: the first line of each blank-separated block.
    static func summaryMarkers(_ summary: [UInt8]) -> [[UInt8]] {
        var markers: [[UInt8]] = []
        var previousBlank = true
        for line in lines(summary) {
            if previousBlank && !line.isEmpty { markers.append(line) }
            previousBlank = line.isEmpty
        }
        return markers
    }

    @Test(arguments: ["content-length", "issue1189"])
    func mimekitMarkersAndOffsets(name: String) throws {
        guard let mboxPath = SharedCorpus.path("mimekit/mbox/\(name).mbox.txt"),
              let summaryPath = SharedCorpus.path("mimekit/mbox/\(name)-summary.txt"),
              let unixPath = SharedCorpus.path("mimekit/mbox/\(name).unix-offsets.json"),
              let dosPath = SharedCorpus.path("mimekit/mbox/\(name).dos-offsets.json") else { return }
        let lf = try readFile(mboxPath)
        let markers = Self.summaryMarkers(try readFile(summaryPath))
        for (bytes, json) in [(lf, try readFile(unixPath)), (toCRLF(lf), try readFile(dosPath))] {
            let entries = readAll(bytes)
            let expectedMarkers = jsonIntegers(json, key: "mboxMarkerOffset")
            #expect(entries.count == markers.count)
            #expect(entries.map(\.offset) == expectedMarkers)
            #expect(entries.map { Array(bytes[$0.fromLineRange!]) } == markers)
            // MimeKit's top-level beginOffset is the first header byte (our messageOffset) and its
            // endOffset excludes the line break before the next From line, as CLI.md has it.
            let begins = jsonIntegers(json, key: "beginOffset")
            let ends = jsonIntegers(json, key: "endOffset")
            var messageIndex = 0
            for (k, begin) in begins.enumerated() where messageIndex < entries.count
                && begin == entries[messageIndex].messageOffset {
                #expect(ends[k] == entries[messageIndex].messageOffset + entries[messageIndex].rawMessage.count,
                        "message \(messageIndex + 1) end")
                messageIndex += 1
            }
            #expect(messageIndex == entries.count, "every top-level message's end checked")
            // The entries tile the file: nothing between or after them.
            #expect(entries.last.map { $0.offset + $0.length } == bytes.count)
            #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.offset + $0.length == $1.offset })
        }
    }

    @Test func contentLengthIsHonoured() throws {
        guard let path = SharedCorpus.path("mimekit/mbox/content-length.mbox.txt") else { return }
        let lf = try readFile(path)
        // LF: messages 1, 2, 3 and 5 carry a Content-Length that does not land on a separator;
        // the other 25 are framed by it. CRLF: the values count LF lines, so none lands.
        for (bytes, wrong) in [(lf, [1, 2, 3, 5]), (toCRLF(lf), Array(1...29))] {
            let auto = readAll(bytes)
            let mismatches = auto.enumerated().filter { $0.element.defects.contains { $0.kind == .mboxContentLengthMismatch } }
            #expect(mismatches.map { $0.offset + 1 } == wrong)
            // Ignoring Content-Length gives the same split here (the From lines are all valid);
            // the mbox 5 message is 747282 bytes long by its Content-Length and by the framing.
            let mboxo = readAll(bytes, MboxReadOptions(format: .mboxo))
            #expect(mboxo.map(\.offset) == auto.map(\.offset))
            #expect(mboxo.allSatisfy { !$0.defects.contains { $0.kind == .mboxContentLengthMismatch } })
        }
    }

    @Test func gmimeSubstringOffsets() throws {
        guard let input = SharedCorpus.path("gmime/mbox/input/substring.mbox"),
              let output = SharedCorpus.path("gmime/mbox/output/substring.mbox") else { return }
        let bytes = try readFile(input)
        let expected = lines(try readFile(output))
        var ranges: [[Int]] = []
        var markers: [[UInt8]] = []
        for (i, line) in expected.enumerated() where line.starts(with: Array("message offsets: ".utf8)) {
            ranges.append(Array(line.dropFirst(17)).text.split(separator: ",").map { Int($0.trimmingPrefix(" ")) ?? -1 })
            markers.append(expected[i + 2])
        }
        let entries = readAll(bytes)
        #expect(ranges.count == 3)
        #expect(entries.map { [$0.offset, $0.offset + $0.length] } == ranges)
        #expect(entries.map { Array(bytes[$0.fromLineRange!]) } == markers)
        let crlf = readAll(toCRLF(bytes))
        #expect(crlf.count == 3)
        #expect(zip(crlf, entries).allSatisfy { $0.rawMessage.count > $1.rawMessage.count })
    }

    /// Policy pinned: `From Russia with love` does not validate as a `From ` line (no date), so it
    /// does not split. MimeKit (and classic mboxo readers such as Python's `mailbox`) give 4
    /// messages here; we give 2, because unquoted body lines starting `From ` are exactly what
    /// mailers that never quote (Thunderbird, as this file's messages ask) produce, and a
    /// separator without a date or address is not an RFC 4155 separator.
    @Test func unmungedKeepsUnquotedFromLinesInBodies() throws {
        guard let path = SharedCorpus.path("mimekit/mbox/unmunged.mbox.txt") else { return }
        let bytes = try readFile(path)
        for input in [bytes, toCRLF(bytes)] {
            let entries = readAll(input)
            #expect(entries.count == 2)
            #expect(entries.first?.offset == 3, "the BOM is skipped")
            #expect(entries.first?.defects.map(\.kind) == [.mboxByteOrderMark])
            #expect(entries.map { $0.envelope?.senderString } == ["-", "-"])
            #expect(entries.allSatisfy { $0.message.bytes.text.contains("From Russia with love") })
        }
    }
}
