import MIMECore
import Testing

@Suite struct BasicTranscoderTests {
    private func transcode(_ bytes: [UInt8], from charset: String) -> (text: String, report: TranscodeReport)? {
        var output: [UInt8] = []
        guard let report = bytes.withUnsafeBytes({ BasicTranscoder().transcodeReporting($0, from: charset, into: &output) }) else {
            #expect(output.isEmpty)
            return nil
        }
        return (String(decoding: output, as: UTF8.self), report)
    }

    @Test func decodesTheBasicCharsetsUnderTheirAliases() throws {
        #expect(try #require(transcode(Array("héllo".utf8), from: " UTF-8 ")).text == "héllo")
        #expect(try #require(transcode([0x68, 0xE9], from: "\"ISO-8859-1\"")).text == "hé")
        #expect(try #require(transcode([0x68, 0xE9], from: "latin1")).report == TranscodeReport(hadInvalidBytes: false))
        #expect(try #require(transcode(Array("plain".utf8), from: "ANSI_X3.4-1968")).text == "plain")
        #expect(transcode([0x41], from: "koi8-r") == nil)
    }

    @Test func mislabelledTextFallsBackAndSaysSo() throws {
        let utf8InASCII = try #require(transcode(Array("é".utf8), from: "us-ascii"))
        #expect(utf8InASCII.text == "é")
        #expect(utf8InASCII.report.fallbackCharset == "utf-8")
        #expect(utf8InASCII.report.result == TranscodeResult(hadInvalidBytes: true))
        #expect(utf8InASCII.report.defects(at: 9) == [Defect(.charsetMislabeled, at: 9)])

        let latin1InUTF8 = try #require(transcode([0x63, 0x61, 0x66, 0xE9], from: "utf-8"))
        #expect(latin1InUTF8.text == "café")
        #expect(latin1InUTF8.report.fallbackCharset == "iso-8859-1")

        let damagedUTF8 = try #require(transcode(Array("é".utf8) + [0xE9], from: "utf-8"))
        #expect(damagedUTF8.text == "é\u{FFFD}")
        #expect(damagedUTF8.report == TranscodeReport(hadInvalidBytes: true))
        #expect(damagedUTF8.report.defects(at: 0) == [Defect(.charsetInvalidBytes, at: 0)])
    }

    /// All 256 Latin-1 bytes, with ASCII runs long enough for the 8-byte path.
    @Test func latin1MatchesTheStandardLibrary() throws {
        let bytes = (0..<256).map(UInt8.init) + Array("0123456789abcdef".utf8) + [0xFF]
        let expected = String(bytes.map { Character(Unicode.Scalar($0)) })
        #expect(try #require(transcode(bytes, from: "iso-8859-1")).text == expected)
    }
}
