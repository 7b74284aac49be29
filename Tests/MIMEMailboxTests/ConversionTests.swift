#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

@Suite struct ConversionTests {
    /// Writes the tricky messages as an mboxrd file, each with its own envelope time.
    static func writeSourceMbox(_ path: String, _ messages: [[UInt8]] = TrickyMessages.all) throws {
        let writer = try MboxWriter(path: path)
        for (i, m) in messages.enumerated() {
            try writer.append(ByteView(copying: m), envelope: MboxEnvelope(sender: "s\(i)@example.com", time: 1_000_000_000 + i * 3600))
        }
        try writer.close()
    }

    static func maildirContents(_ path: String) throws -> [[UInt8]] {
        try Maildir(path: path).messages().map { try Maildir.read($0).bytes }
    }

    static func quick() -> ConversionOptions {
        var o = ConversionOptions()
        o.sync = false
        o.batchSize = 4
        return o
    }

    @Test func mboxToMaildirToMboxIsByteExact() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        try Self.writeSourceMbox(dir + "/src.mbox")
        let converter = MailboxConverter(options: Self.quick())
        let there = try converter.mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        #expect(there.messages == TrickyMessages.all.count)
        #expect(there.bytes == TrickyMessages.all.reduce(0) { $0 + $1.count })
        #expect(there.skipped.isEmpty)
        // Delivered in order, byte for byte, with the From line's date as mtime.
        let files = try Maildir(path: dir + "/md").messages()
        #expect(try files.map { try Maildir.read($0).bytes } == TrickyMessages.all)
        #expect(files.map { Maildir.modificationTime($0.path) } == TrickyMessages.all.indices.map { 1_000_000_000 + $0 * 3600 })
        let back = try converter.maildirToMbox(source: dir + "/md", destination: dir + "/back.mbox")
        #expect(back.messages == TrickyMessages.all.count)
        let entries = readAll(try readFile(dir + "/back.mbox"))
        #expect(entries.map { $0.message.bytes } == TrickyMessages.all)
        #expect(entries.map { $0.envelope?.time } == TrickyMessages.all.indices.map { 1_000_000_000 + $0 * 3600 })
        #expect(try readFile(dir + "/back.mbox") != [], "the mbox has content")
    }

    @Test func maildirToMboxToMaildirIsByteExact() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let source = try MaildirWriter(path: dir + "/src", sync: false)
        for (i, m) in TrickyMessages.all.enumerated() {
            try source.deliver(ByteView(copying: m), flags: i % 2 == 0 ? nil : MaildirFlags("S"))
        }
        let converter = MailboxConverter(options: Self.quick())
        _ = try converter.maildirToMbox(source: dir + "/src", destination: dir + "/mid.mbox")
        _ = try converter.mboxToMaildir(source: dir + "/mid.mbox", destination: dir + "/dst")
        let original = try Self.maildirContents(dir + "/src")
        #expect(original.count == TrickyMessages.all.count)
        #expect(try Self.maildirContents(dir + "/dst") == original)
        // Refuses to write into a non-empty mbox unless asked to append.
        let error = #expect(throws: MailboxError.self) {
            try converter.maildirToMbox(source: dir + "/src", destination: dir + "/mid.mbox")
        }
        #expect(error?.code == .refused)
        var append = Self.quick()
        append.append = true
        #expect(try MailboxConverter(options: append).maildirToMbox(source: dir + "/src", destination: dir + "/mid.mbox").messages == original.count)
        #expect(readAll(try readFile(dir + "/mid.mbox")).count == 2 * original.count)
    }

    @Test func statusHeadersBecomeFlags() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let messages = [
            "Subject: unread\n\nx\n",
            "Status: RO\nX-Status: AF\nSubject: read\n\nx\n",
            "Status: O\n\nold, unread\n",
            "X-Mozilla-Status: 1005\n\nx\n",
            "X-Keywords: $Forwarded junk\nX-Gmail-Labels: Inbox,Starred\n\nx\n",
            "Subject: folded\nStatus:\n R\n\nx\n",
        ].map { Array($0.utf8) }
        try Self.writeSourceMbox(dir + "/src.mbox", messages)
        let report = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        #expect(report.flagsMapped == 4)
        let files = try Maildir(path: dir + "/md").messages()
        let byContent = Dictionary(uniqueKeysWithValues: try files.map { (try Maildir.read($0).bytes, $0) })
        #expect(byContent[messages[0]]?.subdirectory == .new)
        #expect(byContent[messages[1]]?.name.name.hasSuffix(":2,FRS") == true)
        #expect(byContent[messages[2]]?.subdirectory == .cur)
        #expect(byContent[messages[2]]?.flags.isEmpty == true)
        #expect(byContent[messages[3]]?.flags.letters == "FPS")
        #expect(byContent[messages[4]]?.flags.letters == "FP")
        #expect(byContent[messages[5]]?.flags.letters == "S")
    }

    /// A full disk in the middle of a conversion: only complete batches are visible, the state
    /// file names exactly them, and a re-run delivers the rest once.
    @Test func interruptedConversionResumesWithoutDuplicates() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let messages = (0..<10).map { Array("Subject: \($0)\n\nFrom body \($0)\n".utf8) }
        try Self.writeSourceMbox(dir + "/src.mbox", messages)
        let fs = FaultyFileSystem()
        fs.writeBudget = messages[0..<6].reduce(0) { $0 + $1.count } + 20  // fails in batch 2
        fs.budgetedPaths = "tmp/"  // the message files, not the journal
        var options = Self.quick()
        options.sync = true
        let error = #expect(throws: MailboxError.self) {
            try MailboxConverter(options: options, fileSystem: fs).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        }
        #expect(error?.errno == ENOSPC)
        #expect(try Self.maildirContents(dir + "/md") == Array(messages[0..<4]))
        #expect(try Maildir.list(dir + "/md/tmp").isEmpty)
        let state = ConversionJournal.read(dir + "/md/" + MailboxConverter.stateFileName)
        #expect(state.delivered.count == 4)
        #expect(state.pending.count == 4, "batch 2 was announced, then failed")
        let resumed = try MailboxConverter(options: options).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        #expect(resumed.messages == 6)
        #expect(resumed.skipped.count == 4 && resumed.skipped.allSatisfy { $0.reason == "already delivered" })
        #expect(try Self.maildirContents(dir + "/md") == messages)
        let again = try MailboxConverter(options: options).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        #expect(again.messages == 0 && again.skipped.count == 10)
    }

    /// A second, different mbox converted into the same Maildir: entries at offsets the first
    /// one delivered are other messages, and are delivered too (identity is offset and digest).
    @Test func anotherSourceIntoTheSameMaildirLosesNothing() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let first = (0..<5).map { Array("Subject: a\($0)\n\nfirst \($0)\n".utf8) }
        let second = (0..<5).map { Array("Subject: b\($0)\n\nother \($0)\n".utf8) }
        try Self.writeSourceMbox(dir + "/a.mbox", first)
        try Self.writeSourceMbox(dir + "/b.mbox", second)
        #expect(readAll(try readFile(dir + "/a.mbox")).map(\.offset) == readAll(try readFile(dir + "/b.mbox")).map(\.offset),
                "the two sources share their offsets")
        _ = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/a.mbox", destination: dir + "/md")
        let report = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/b.mbox", destination: dir + "/md")
        #expect(report.messages == 5 && report.skipped.isEmpty)
        #expect(try Self.maildirContents(dir + "/md").sorted { $0.lexicographicallyPrecedes($1) }
                == (first + second).sorted { $0.lexicographicallyPrecedes($1) })
        let again = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/b.mbox", destination: dir + "/md")
        #expect(again.messages == 0 && again.skipped.count == 5, "a re-run of the same source still resumes")
    }

    /// A run killed after linking batches but before marking them delivered, one message short
    /// of linked, with a half-written file left in `tmp/`, and a message a mail reader moved to
    /// `cur/` since: the re-run recognises what is there by name and delivers only the missing one.
    @Test func resumeRecognisesLinkedButUnrecordedDeliveries() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let messages = (0..<10).map { Array("Subject: \($0)\n\nbody \($0)\n".utf8) }
        try Self.writeSourceMbox(dir + "/src.mbox", messages)
        let offsets = readAll(try readFile(dir + "/src.mbox")).map(\.offset)
        _ = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        // Rewrite the journal as the kill left it: entries 4…9 announced, none marked delivered.
        let journalPath = dir + "/md/" + MailboxConverter.stateFileName
        let text = String(decoding: try readFile(journalPath), as: UTF8.self)
        let kept = text.split(separator: "\n").filter { line in
            line.hasPrefix("+") || !offsets[4...].contains(Int(line.split(separator: " ")[0]) ?? -1)
        }
        writeFile(journalPath, Array(kept.map { $0 + "\n" }.joined().utf8))
        let pending = Dictionary(uniqueKeysWithValues: ConversionJournal.read(journalPath).pending.map { ($0.key.offset, $0.value) })
        #expect(pending.keys.sorted() == Array(offsets[4...]))
        // Entry 5 was not linked yet (its tmp file is half written); entry 6 was read and flagged.
        let name5 = try #require(pending[offsets[5]]?.first), name6 = try #require(pending[offsets[6]]?.first)
        #expect(unlink(dir + "/md/new/" + name5) == 0)
        writeFile(dir + "/md/tmp/" + name5, Array("Subj".utf8))
        #expect(rename(dir + "/md/new/" + name6, dir + "/md/cur/" + name6 + ":2,S") == 0)
        writeFile(dir + "/md/tmp/someone-else", Array("x".utf8))
        let resumed = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        #expect(resumed.messages == 1)
        #expect(resumed.skipped.count == 9)
        #expect(try Self.maildirContents(dir + "/md").sorted { $0.lexicographicallyPrecedes($1) }
                == messages.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(try Maildir.list(dir + "/md/tmp") == ["someone-else"], "only our own leftover is removed")
        #expect(Set(ConversionJournal.read(journalPath).delivered.map(\.offset)) == Set(offsets))
    }

    @Test func mboxToMboxReframes() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        try Self.writeSourceMbox(dir + "/src.mbox")
        var options = Self.quick()
        options.writeFormat = .mboxcl2
        let report = try MailboxConverter(options: options).mboxToMbox(source: dir + "/src.mbox", destination: dir + "/cl2.mbox")
        #expect(report.messages == TrickyMessages.all.count)
        options.read = MboxReadOptions(format: .mboxcl2)
        options.writeFormat = .mboxrd
        _ = try MailboxConverter(options: options).mboxToMbox(source: dir + "/cl2.mbox", destination: dir + "/rd.mbox")
        let source = readAll(try readFile(dir + "/src.mbox"))
        let back = readAll(try readFile(dir + "/rd.mbox"))
        #expect(back.map { MboxWriterTests.droppingLengthFields($0.message.bytes) } == TrickyMessages.all)
        #expect(back.map(\.envelope) == source.map(\.envelope))
    }

    /// Without a From line date the mtime comes from `Date:`.
    @Test func mtimeFallsBackToTheDateField() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        writeFile(dir + "/src.mbox", Array("From -\nDate: Fri, 16 Sep 2016 23:26:51 +0100\n\nx\n".utf8))
        _ = try MailboxConverter(options: Self.quick()).mboxToMaildir(source: dir + "/src.mbox", destination: dir + "/md")
        let files = try Maildir(path: dir + "/md").messages()
        #expect(files.map { Maildir.modificationTime($0.path) } == [1_474_064_811])
    }

    @Test func stateFileIgnoresAPartialLastLine() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let d = "00000000000000ab"
        writeFile(dir + "/state", Array(("0 \(d)\n+1234 a,S=1 \(d)\n1234 \(d)\n+99 b,S=2 \(d)\n+99 c,S=2 \(d)\n"
                                         + "+7 x/y \(d)\n5\n+8 n,S=1\n6 12\n56 \(d)").utf8))
        let state = ConversionJournal.read(dir + "/state")
        let key = { (offset: Int) in ConversionJournal.Key(offset: offset, digest: 0xAB) }
        #expect(state.delivered == [key(0), key(1234)], "lines without a full digest are ignored")
        #expect(state.pending == [key(99): ["b,S=2", "c,S=2"]], "names with a slash are not ours")
        #expect(ConversionJournal.read(dir + "/missing") == ConversionJournal.State())
    }

    @Test func corpusMboxesConvertAndComeBack() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        for name in ["mimekit/mbox/issue1189.mbox.txt", "gmime/mbox/input/substring.mbox", "mimekit/mbox/content-length.mbox.txt"] {
            guard let path = SharedCorpus.path(name) else { continue }
            let expected = readAll(try readFile(path)).map { $0.message.bytes }
            let md = dir + "/" + String(name.split(separator: "/").last!)
            let converter = MailboxConverter(options: Self.quick())
            #expect(try converter.mboxToMaildir(source: path, destination: md).messages == expected.count)
            #expect(try Self.maildirContents(md) == expected, "\(name)")
            _ = try converter.maildirToMbox(source: md, destination: md + ".mbox")
            #expect(readAll(try readFile(md + ".mbox")).map { $0.message.bytes } == expected, "\(name) back")
        }
    }
}
