import MIMECharsets
import MIMECore
import Testing

/// The single-byte table's 16-byte ASCII path and `Message.text`'s shortcuts against the slow
/// references: ICU's own converter, and decoding plus transcoding step by step.
@Suite struct TranscoderFastPathTests {
    /// SplitMix64, seeded, so every run checks the same texts.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func viaICU(_ bytes: [UInt8], _ charset: String) throws -> [UInt8] {
        var output: [UInt8] = []
        _ = try #require(bytes.withUnsafeBytes { ICUTranscoder().transcodeBypassingFastPaths($0, from: charset, into: &output) })
        return output
    }

    /// Mostly-ASCII text with 8-bit bytes at every offset and length around the 16-byte step,
    /// unmapped bytes (0x81 in windows-1252) included, and an EBCDIC charset whose ASCII bytes are
    /// not ASCII (so the ASCII copy must not be taken).
    @Test(arguments: ["windows-1252", "koi8-r", "iso-8859-15", "ibm037"])
    func tableMatchesICUAtEveryLengthAndOffset(charset: String) throws {
        var random = Random(state: 0x3132_3532)
        let text = (0..<600).map { _ -> UInt8 in
            let roll = random.next() % 100
            return roll < 4 ? UInt8(0x80 | random.next() % 128) : UInt8(0x20 + random.next() % 95)
        } + [0x81, 0x41]
        for start in 0..<17 {
            for length in Array(0..<40) + [47, 48, 49, 63, 64, 65, 200, text.count - start] {
                let slice = Array(text[start..<min(text.count, start + length)])
                let fast = try #require(transcode(slice, from: charset))
                #expect(fast.text == (try viaICU(slice, charset)), "\(charset) \(start)+\(length)")
            }
        }
    }

    /// Texts longer than the table's 16 KiB block, with 8-bit bytes across the block ends and a
    /// run of only 8-bit bytes (which outgrows the output first reserved), converted whole, after
    /// text already in the output array, and piece by piece into one array: the same bytes as ICU.
    @Test(arguments: ["windows-1252", "koi8-r", "ibm037"])
    func tableMatchesICUAcrossBlocks(charset: String) throws {
        var random = Random(state: 0x1252_1252)
        var text = (0..<50_000).map { k -> UInt8 in
            let dense = (20_000..<36_000).contains(k)
            let roll = random.next() % 100
            return dense || roll < 3 ? UInt8(0x80 | random.next() % 128) : UInt8(0x20 + random.next() % 95)
        }
        text[16_383] = 0xE9
        text[16_384] = 0x80
        let reference = try viaICU(text, charset)
        #expect(try #require(transcode(text, from: charset)).text == reference)
        var output = Array("prefix".utf8)
        _ = text.withUnsafeBytes { ICUTranscoder().transcode($0, from: charset, into: &output) }
        #expect(output == Array("prefix".utf8) + reference)
        for piece in [1, 7, 16_383, 16_385] {
            output = []
            var start = 0
            while start < text.count {
                let end = min(start + piece, text.count)
                _ = text[start..<end].withUnsafeBytes { ICUTranscoder().transcode($0, from: charset, into: &output) }
                start = end
            }
            #expect(output == reference, "\(charset) in pieces of \(piece)")
        }
    }

    /// `text(of:)` takes shortcuts (identity bodies transcoded in place, valid UTF-8 returned as
    /// decoded); each result must equal decoding the body and transcoding it through the ICU
    /// transcoder, with the same defects.
    @Test(arguments: [
        ("8bit", "windows-1252", [0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x93, 0x94, 0x0D, 0x0A]),
        ("quoted-printable", "utf-8", Array("D=C3=A9j=C3=A0 vu, =E2=82=AC 5=\r\nsuite\r\n".utf8)),
        ("quoted-printable", "utf-8", Array("bad =C3=28 utf-8 and caf=E9\r\n".utf8)),
        ("quoted-printable", "us-ascii", Array("8-bit in ascii: caf=E9\r\n".utf8)),
        ("7bit", "us-ascii", Array("plain ascii\r\n".utf8)),
        ("8bit", "utf-8", [0x63, 0x61, 0x66, 0xC3, 0xA9, 0x0D, 0x0A]),
        ("8bit", "utf-8", [0x63, 0x61, 0x66, 0xE9, 0x0D, 0x0A]),
        ("base64", "iso-8859-1", Array("Y2Fm6SCApA==\r\n".utf8)),
        ("base64", "x-unknown-charset", Array("Y2Fm6SCApA==\r\n".utf8)),
    ])
    func messageTextMatchesDecodingThenTranscoding(encoding: String, charset: String, body: [UInt8]) throws {
        let header = "Content-Type: text/plain; charset=\(charset)\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n"
        let message = Message(parsing: Array(header.utf8) + body)
        let id = message.root.id
        let transcoder = ICUTranscoder()
        let got = message.text(of: id, transcoder: transcoder)
        let fromDecoded = message.text(of: id, decoded: message.decodedBody(of: id), transcoder: transcoder)
        #expect(fromDecoded.utf8 == got.utf8)
        #expect(fromDecoded.defects == got.defects)

        var (decoded, defects) = message.decodedBody(of: id)
        var expected: [UInt8] = []
        let offset = message.root.bodyStart
        if let result = decoded.withUnsafeBytes({ transcoder.transcode($0, from: charset, into: &expected) }) {
            if result.hadInvalidBytes { defects.append(Defect(.charsetInvalidBytes, at: offset)) }
        } else {
            defects.append(Defect(.charsetUnknown, at: offset))
            expected.removeAll()
            _ = decoded.withUnsafeBytes { BasicTranscoder().transcode($0, from: "utf-8", into: &expected) }
        }
        decoded.removeAll()
        #expect(got.utf8 == expected)
        #expect(got.defects == defects)
    }
}
