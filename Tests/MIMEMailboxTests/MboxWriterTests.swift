#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

@Suite struct MboxWriterTests {
    static let envelope = MboxEnvelope(sender: "a@example.com", time: 86400 * 365)

    /// Every tricky message comes back byte for byte, in every format, whether it is last in
    /// the file or not, and when written in one session or appended across several.
    /// mboxo cannot tell a quoted `From ` from an original `>From `: the one loss it has, pinned.
    @Test func mboxoLosesOneQuoteOnOriginalQuotedLines() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/o.mbox"
        let writer = try MboxWriter(path: path, format: .mboxo)
        try writer.append(ByteView(copying: Array("A: 1\n\nFrom x\n>From y\n>>From z\n".utf8)), envelope: Self.envelope)
        try writer.close()
        let entry = readAll(try readFile(path), MboxReadOptions(format: .mboxo))[0]
        #expect(entry.message.bytes.text == "A: 1\n\nFrom x\nFrom y\n>>From z\n")
    }

    @Test(arguments: [MboxFormat.mboxrd, .mboxcl2])
    func roundTripExactly(format: MboxFormat) throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/out.mbox"
        for (i, message) in TrickyMessages.all.enumerated() {
            // Append across sessions, one message per open, to exercise the deferred separator.
            let writer = try MboxWriter(path: path, format: format)
            try writer.append(ByteView(copying: message), envelope: Self.envelope)
            try writer.close()
            let entries = readAll(try readFile(path), MboxReadOptions(format: format == .mboxcl2 ? .mboxcl2 : format))
            #expect(entries.count == i + 1)
            var got = entries.map { $0.message.bytes }
            if format == .mboxcl2 { got = got.map(Self.droppingLengthFields) }
            #expect(got == Array(TrickyMessages.all[...i]), "after message \(i)")
        }
        #expect(access(path + ".lock", F_OK) != 0, "dotlock removed")
    }

    /// mboxcl2 adds Content-Length and Lines; strip them to compare the rest.
    static func droppingLengthFields(_ m: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var start = 0
        var inHeader = true
        while start < m.count {
            var end = start
            while end < m.count && m[end] != 0x0A { end += 1 }
            if end < m.count { end += 1 }
            let line = Array(m[start..<end])
            if line == [0x0A] || line == [0x0D, 0x0A] { inHeader = false }
            if !(inHeader && (line.starts(with: Array("Content-Length: ".utf8)) || line.starts(with: Array("Lines: ".utf8)))) {
                out += line
            }
            start = end
        }
        return out
    }

    @Test func mboxcl2WritesLengthsThatTheReaderHonours() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/cl2.mbox"
        let message = Array("Subject: x\n\nFrom a@b Thu Jan  1 00:00:00 1970\nbody\n".utf8)
        let writer = try MboxWriter(path: path, format: .mboxcl2)
        try writer.append(ByteView(copying: message), envelope: Self.envelope)
        try writer.append(ByteView(copying: message), envelope: Self.envelope)
        try writer.close()
        let bytes = try readFile(path)
        #expect(bytes.text.contains("Content-Length: 39\nLines: 2\n\n"))
        let entries = readAll(bytes)  // auto: Content-Length honoured, unquoted From kept
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { Self.droppingLengthFields($0.message.bytes) == message })
    }

    @Test func envelopeIsWrittenAndInvalidDatesReplaced() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/e.mbox"
        let writer = try MboxWriter(path: path)
        try writer.append(ByteView(copying: Array("A: 1\n\n".utf8)), envelope: Self.envelope)
        try writer.append(ByteView(copying: Array("A: 2\n\n".utf8)), envelope: MboxEnvelope(sender: Array("x y".utf8), date: Array("garbage".utf8)))
        try writer.close()
        let entries = readAll(try readFile(path))
        #expect(entries.count == 2)
        #expect(entries[0].envelope?.dateString == "Fri Jan  1 00:00:00 1971")
        #expect(entries[0].envelope?.time == 86400 * 365)
        #expect(entries[1].envelope?.senderString == "x_y")
        #expect(entries[1].envelope?.time != nil)
    }

    @Test func writeErrorTruncatesBackToTheLastCompleteMessage() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/f.mbox"
        let fs = FaultyFileSystem()
        let writer = try MboxWriter(path: path, fileSystem: fs)
        try writer.append(ByteView(copying: TrickyMessages.all[1]), envelope: Self.envelope)
        let before = try readFile(path)
        fs.writeBudget = 10  // the disk fills up 10 bytes into the next entry
        let error = #expect(throws: MailboxError.self) {
            try writer.append(ByteView(copying: TrickyMessages.all[0]), envelope: Self.envelope)
        }
        #expect(error?.code == .write && error?.errno == ENOSPC && error?.offset == before.count)
        #expect(try readFile(path) == before)
        // An fsync failure also takes the entry back out.
        fs.writeBudget = .max
        fs.failFsync = fs.fsyncCalls + 1
        #expect(throws: MailboxError.self) {
            try writer.append(ByteView(copying: TrickyMessages.all[0]), envelope: Self.envelope)
        }
        #expect(try readFile(path) == before)
        try writer.append(ByteView(copying: TrickyMessages.all[0]), envelope: Self.envelope)
        try writer.close()
        #expect(readAll(try readFile(path)).map { $0.message.bytes } == [TrickyMessages.all[1], TrickyMessages.all[0]])
    }

    @Test func dotlockHeldByAnotherProcessTimesOut() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/l.mbox"
        writeFile(path + ".lock", [])
        var options = MboxWriteOptions()
        options.lockTimeout = 0
        let error = #expect(throws: MailboxError.self) { try MboxWriter(path: path, options: options) }
        #expect(error?.code == .lock)
        #expect(access(path + ".lock", F_OK) == 0, "someone else's dotlock is left alone")
    }

    @Test func staleDotlockIsBroken() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let path = dir + "/s.mbox"
        writeFile(path + ".lock", [])
        var times = [timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, path + ".lock", &times, 0) == 0)
        var options = MboxWriteOptions()
        options.lockTimeout = 0
        let writer = try MboxWriter(path: path, options: options)
        try writer.close()
        #expect(access(path + ".lock", F_OK) != 0)
    }

    @Test func asctime() {
        #expect(MboxEnvelope.asctime(0) == "Thu Jan  1 00:00:00 1970")
        #expect(MboxEnvelope.asctime(1_474_064_811) == "Fri Sep 16 22:26:51 2016")
        #expect(MboxEnvelope(sender: [], date: Array("Fri Sep 16 22:26:51 +0000 2016".utf8)).time == 1_474_064_811)
        #expect(MboxEnvelope(sender: [], date: Array("Fri Sep 16 23:26:51 2016 +0100".utf8)).time == 1_474_064_811)
        #expect(MboxEnvelope(sender: [], date: []).time == nil)
        #expect(MboxEnvelope(sender: [], date: Array("Mon Jan 1 99999999999999999:00 2016".utf8)).time == nil)
        #expect(MboxEnvelope(sender: [], date: Array("Mon Jan 1 10:00 999999999999999999".utf8)).time == nil)
        #expect(MboxEnvelope(sender: [], date: Array("Mon, 2 Jan 06 10:00 -0000".utf8)).time == 1_136_196_000)
    }
}

/// The byte reading of envelope dates (issue 5) against the `String` reading it replaced for
/// ASCII dates: every sequence of three words from an alphabet of the forms each rule
/// looks at (months in any case, days, years, clocks, zones, signs, overflowing numbers), with
/// a fourth word.
@Suite struct EnvelopeTimeTests {
    static let words = ["Jan", "jan", "DEC", "Janu", "Fri", "1", "01", "31", "32", "0", "-3", "+4", "2016", "16", "99",
                        "70", "69", "123", "22:26:51", "22:26", "1:2:3:4", "-5:10", "1::2", "+0100", "-0530", "+-123",
                        "++123", "+", "-", "x", "99999999999999999999", ":", "a:b"]

    @Test func byteReadingMatchesTheTextReading() {
        var checked = 0, parsed = 0
        for a in Self.words {
            for b in Self.words {
                for c in Self.words {
                    // A fourth word, so that all four fields can be found.
                    for text in ["\(a) \(b)\t\(c) 22:26:51", "Jan  \(a) \(b) \(c)"] {
                        let date = Array(text.utf8)
                        let bytes = MboxEnvelope.asciiTime(date)
                        #expect(bytes == MboxEnvelope.textTime(date), "\(text)")
                        checked += 1
                        if bytes != nil { parsed += 1 }
                    }
                }
            }
        }
        #expect(checked == 2 * 35_937 && parsed > 1_000)
        let full = Array("Fri Sep 16 22:26:51 +0000 2016".utf8)
        #expect(MboxEnvelope.asciiTime(full) == 1_474_064_811 && MboxEnvelope.textTime(full) == 1_474_064_811)
    }

    @Test func nonASCIIDatesUseTheTextReading() {
        let date = Array("Jan 12 2016 12:30:\u{301}00".utf8)
        #expect(MboxEnvelope(sender: [], date: date).time == MboxEnvelope.textTime(date))
        #expect(MboxEnvelope.textTime(date) != MboxEnvelope.asciiTime(date), "the case the fallback exists for")
    }
}
