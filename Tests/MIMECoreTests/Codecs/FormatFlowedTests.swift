import MIMECore
import Testing

@Suite struct FormatFlowedTests {
    private func decode(_ text: String, delSp: Bool = false) -> (text: String, defects: [Defect]) {
        let result = FormatFlowed(delSp: delSp).decode(Array(text.utf8), baseOffset: 50)
        return (String(decoding: result.text, as: UTF8.self), result.defects)
    }

    @Test func joinsFlowedLinesAndKeepsFixedOnes() {
        let input = "This is a flowed \r\nparagraph, \r\nended.\r\nFixed line\r\n\r\nAnother\r\n"
        let result = decode(input)
        #expect(result.text == "This is a flowed paragraph, ended.\r\nFixed line\r\n\r\nAnother\r\n")
        #expect(result.defects.isEmpty)
    }

    @Test func undoesSpaceStuffingAndKeepsTheSignatureSeparator() {
        let result = decode(" From here \n on.\n-- \nSig \nline\n")
        #expect(result.text == "From here on.\n-- \nSig line\n")
    }

    @Test func quotedParagraphsKeepTheirDepth() {
        let result = decode(">> deep \n>> quote\n> shallow\nplain\n")
        #expect(result.text == ">> deep quote\n> shallow\nplain\n")
        #expect(result.defects.isEmpty)
    }

    @Test func depthChangeEndsTheParagraphWithADefect() {
        let result = decode("> flowed \nnot quoted\n")
        #expect(result.text == "> flowed \nnot quoted\n")
        #expect(result.defects == [Defect(.flowedQuoteDepthChange, at: 60)])
    }

    @Test func delSpDeletesTheSpaceBeforeSoftBreaks() {
        #expect(decode("日本語の \r\n文章です。\r\n", delSp: true).text == "日本語の文章です。\r\n")
        #expect(decode("word \nword\n", delSp: false).text == "word word\n")
        #expect(decode("word \nword\n", delSp: true).text == "wordword\n")
    }

    @Test func lastLineWithoutBreakAndEmptyInput() {
        #expect(decode("").text == "")
        #expect(decode("dangling ").text == "dangling ")
        #expect(decode("a \nb").text == "a b")
    }
}
