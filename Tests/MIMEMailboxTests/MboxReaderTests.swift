import MIMECore
@testable import MIMEMailbox
import Testing

@Suite struct MboxReaderTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func messageExcludesSeparatorAndKeepsOwnLineBreaks() {
        let mbox = Self.bytes("From a@b Thu Jan  1 00:00:00 1970\nSubject: 1\n\nbody\n\nFrom c@d Thu Jan  1 00:00:01 1970\nSubject: 2\n\nno newline")
        let entries = readAll(mbox)
        #expect(entries.count == 2)
        #expect(entries[0].message.bytes.text == "Subject: 1\n\nbody\n")
        #expect(entries[0].offset == 0 && entries[0].length == 52)
        #expect(entries[0].fromLineRange == 0..<33)
        #expect(entries[0].messageOffset == 34)
        #expect(entries[0].envelope?.senderString == "a@b")
        #expect(entries[0].envelope?.dateString == "Thu Jan  1 00:00:00 1970")
        #expect(entries[1].message.bytes.text == "Subject: 2\n\nno newline")
        #expect(entries[1].offset + entries[1].length == mbox.count)
        #expect(entries.allSatisfy { $0.defects.isEmpty })
    }

    @Test func finalBlankLineIsTheSeparatorOnlyWhenThereIsOne() {
        let framed = readAll(Self.bytes("From - \nA: 1\n\nx\n\n"))
        #expect(framed.first?.message.bytes.text == "A: 1\n\nx\n")
        let unframed = readAll(Self.bytes("From - \nA: 1\n\nx\n"))
        #expect(unframed.first?.message.bytes.text == "A: 1\n\nx\n")
        let empty = readAll(Self.bytes("From - \n"))
        #expect(empty.first?.messageLength == 0)
    }

    @Test func invalidFromLineInBodyDoesNotSplitValidOneWithoutBlankLineDoes() {
        let mbox = Self.bytes("From - \nA: 1\n\nFrom Russia with love\n--\nFrom - Mon Jan 01 00:00:00 1996\nA: 2\n\n")
        let entries = readAll(mbox)
        #expect(entries.count == 2)
        #expect(entries[0].message.bytes.text == "A: 1\n\nFrom Russia with love\n--")
        #expect(entries[1].defects.isEmpty)
        #expect(entries[0].defects.map(\.kind) == [.mboxMissingBlankLine])
        #expect(entries[0].defects.first?.offset == 39)
    }

    @Test func mboxrdUnquotingIsLazyAndCounted() {
        let mbox = Self.bytes("From - \nA: 1\n\n>From x\n>>From y\n>>>From z\n> From no\n>Fromage\n")
        let rd = readAll(mbox)[0]
        #expect(rd.quotedLineCount == 3)
        #expect(rd.messageLength == rd.message.count)
        #expect(rd.message.bytes.text == "A: 1\n\nFrom x\n>From y\n>>From z\n> From no\n>Fromage\n")
        let o = readAll(mbox, MboxReadOptions(format: .mboxo))[0]
        #expect(o.quotedLineCount == 1)
        #expect(o.message.bytes.text == "A: 1\n\nFrom x\n>>From y\n>>>From z\n> From no\n>Fromage\n")
        let cl2 = readAll(mbox, MboxReadOptions(format: .mboxcl2))[0]
        #expect(cl2.message == cl2.rawMessage)
    }

    @Test func unquotedMessageIsAViewOfTheInput() {
        let storage = ByteStorage(Self.bytes("From - \nA: 1\n\nbody\n"))
        var reader = MboxReader(ByteView(storage))
        let entry = reader.next()!
        #expect(entry.message.storage === storage)
        #expect(entry.message.range == 8..<19)
    }

    @Test func contentLengthProtectsAnUnquotedFromLine() {
        let body = "line\n\nFrom x@y Thu Jan  1 00:00:00 1970\nmore\n"
        let mbox = Self.bytes("From a@b Thu Jan  1 00:00:00 1970\nContent-Length: \(body.utf8.count)\n\n\(body)\nFrom c@d Thu Jan  1 00:00:00 1970\n\nz\n")
        let auto = readAll(mbox)
        #expect(auto.count == 2)
        #expect(auto[0].message.bytes.text.hasSuffix(body))
        #expect(auto[0].escaping == .none)
        #expect(auto[0].defects.map(\.kind) == [.mboxUnescapedFromInBody])
        #expect(readAll(mbox, MboxReadOptions(format: .mboxcl2)).count == 2)
        #expect(readAll(mbox, MboxReadOptions(format: .mboxrd)).count == 3)
    }

    @Test func contentLengthThatMissesIsIgnored() {
        let mbox = Self.bytes("From a@b Thu Jan  1 00:00:00 1970\nContent-Length: 3\n\nhello\n\nFrom c@d Thu Jan  1 00:00:00 1970\n\nz\n")
        let entries = readAll(mbox)
        #expect(entries.count == 2)
        #expect(entries[0].message.bytes.text == "Content-Length: 3\n\nhello\n")
        #expect(entries[0].defects.map(\.kind) == [.mboxContentLengthMismatch])
        #expect(entries[0].defects.first?.offset == 53)
        let huge = readAll(Self.bytes("From - \nContent-Length: 99999999999\n\nx\n"))
        #expect(huge[0].defects.map(\.kind) == [.mboxContentLengthTooLarge])
    }

    @Test func crlfSeparators() {
        let mbox = Self.bytes("From - \r\nA: 1\r\n\r\nx\r\n\r\nFrom - \r\nA: 2\r\n\r\ny\r\n\r\n")
        let entries = readAll(mbox)
        #expect(entries.map { $0.message.bytes.text } == ["A: 1\r\n\r\nx\r\n", "A: 2\r\n\r\ny\r\n"])
        #expect(entries[1].offset == 22)
    }

    @Test func leadingGarbageAndEmptyInput() {
        #expect(readAll([]).isEmpty)
        #expect(readAll(Self.bytes("\n\n")).isEmpty)
        let noEnvelope = readAll(Self.bytes("Subject: x\n\nbody\n\nFrom - \n\ny\n"))
        #expect(noEnvelope.count == 2)
        #expect(noEnvelope[0].envelope == nil && noEnvelope[0].fromLineRange == nil)
        #expect(noEnvelope[0].defects.map(\.kind) == [.mboxMissingFromLine])
        #expect(noEnvelope[0].message.bytes.text == "Subject: x\n\nbody\n")
        let blank = readAll(Self.bytes("\n\nFrom - \n\ny\n"))
        #expect(blank.count == 1 && blank[0].offset == 2)
        #expect(blank[0].defects.map(\.kind) == [.mboxLeadingBlankLines])
    }

    /// Totality: every prefix of a tricky mbox, and every single-byte damage of it, frames
    /// without crashing, and the entries tile the input.
    @Test func everyPrefixAndByteFlipFramesTotally() {
        let base = Self.bytes("\u{FEFF}From - \r\nContent-Length: 7\r\n\r\n>From x\r\nFrom a@b Thu Jan  1 00:00:00 1970\n\nFrom -\n")
        var inputs: [[UInt8]] = (0...base.count).map { Array(base[..<$0]) }
        for i in base.indices { for b: UInt8 in [0x0A, 0x0D, 0x46, 0x3E, 0x20, 0x00] { var m = base; m[i] = b; inputs.append(m) } }
        for input in inputs {
            let entries = readAll(input)
            if let first = entries.first {
                #expect(entries.last.map { $0.offset + $0.length } == input.count)
                #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.offset + $0.length == $1.offset })
                #expect(first.offset <= 3 + input.prefix { $0 == 0x0A || $0 == 0x0D }.count + 3)
            }
            #expect(entries.allSatisfy { $0.messageLength == $0.message.count && $0.messageLength >= 0 })
        }
    }
}
