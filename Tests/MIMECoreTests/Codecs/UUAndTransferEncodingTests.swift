import MIMECore
import Testing

@Suite struct UUDecoderTests {
    @Test func decodesBeginDataEnd() {
        // "Cat" uuencoded: length 3 → "#", then "0V%T".
        let text = "begin 644 cat.txt\r\n#0V%T\r\n`\r\nend\r\n"
        let result = expectChunkInvariant(UUDecoder(), Array(text.utf8))
        #expect(result.bytes == Array("Cat".utf8))
        #expect(result.defects.isEmpty)
        var decoder = UUDecoder()
        var output: [UInt8] = []
        Array(text.utf8).withUnsafeBytes { decoder.decode($0, into: &output) }
        #expect(decoder.mode == Array("644".utf8))
        #expect(decoder.fileName == Array("cat.txt".utf8))
    }

    @Test func toleratesPreambleShortLinesAndMissingEnd() {
        let text = "hello\nbegin 600 x\n#0V%\n"
        let result = expectChunkInvariant(UUDecoder(baseOffset: 5), Array(text.utf8))
        #expect(result.bytes == Array("Ca".utf8) + [0x40])
        #expect(result.defects == [
            Defect(.uuencodeTextBeforeBegin, at: 5),
            Defect(.uuencodeLineLength, at: 23, severity: .notice),
            Defect(.uuencodeMissingEnd, at: 28),
        ])
        let nothing = expectChunkInvariant(UUDecoder(), Array("no data\n".utf8))
        #expect(nothing.bytes.isEmpty)
        #expect(nothing.defects.map(\.kind) == [.uuencodeTextBeforeBegin, .uuencodeMissingBegin])
    }

    @Test(.enabled(if: CodecCorpus.isUsable, "../shared/corpus is missing"))
    func gmimePhotoDecodesToTheJPEG() throws {
        let encoded = try CodecCorpus.bytes("gmime/encodings/photo.uu")
        let expected = try CodecCorpus.bytes("gmime/encodings/photo.jpg")
        let whole = runCodec(UUDecoder(), encoded)
        #expect(whole.bytes == expected)
        #expect(whole.defects.isEmpty)
        for chunk in [1, 7, 4096] {
            #expect(runCodec(UUDecoder(), encoded, cuts: Array(stride(from: chunk, to: encoded.count, by: chunk))) == whole)
        }
        #expect(TransferEncoding(parsing: "X-UUEncode").decode(encoded).bytes == expected)
    }
}

@Suite struct TransferEncodingTests {
    @Test func parsesFieldValuesLeniently() {
        #expect(TransferEncoding(parsing: " Base64 ") == .base64)
        #expect(TransferEncoding(parsing: "QUOTED-PRINTABLE (comment)") == .quotedPrintable)
        #expect(TransferEncoding(parsing: "\"8bit\"") == .eightBit)
        #expect(TransferEncoding(parsing: "base64; charset=utf-8") == .base64)
        #expect(TransferEncoding(parsing: "(old) 7bit junk") == .sevenBit)
        #expect(TransferEncoding(parsing: "") == .sevenBit)
        for alias in ["x-uuencode", "X-UUE", "uue", "uuencode"] {
            #expect(TransferEncoding(parsing: alias) == .uuencode)
        }
        #expect(TransferEncoding(parsing: "x-gzip64").rawValue == "x-gzip64")
        #expect(TransferEncoding(parsing: Array("BINARY".utf8)) == .binary)
    }

    @Test func decodesInOneCall() {
        #expect(TransferEncoding.base64.decode(Array("TWFu".utf8)).bytes == Array("Man".utf8))
        #expect(TransferEncoding.quotedPrintable.decode(Array("=3D".utf8)).bytes == Array("=".utf8))
        let raw: [UInt8] = [0, 1, 0xFF]
        #expect(TransferEncoding.binary.decode(raw) == (raw, []))
        let unknown = TransferEncoding(parsing: "x-gzip64").decode(raw, baseOffset: 42)
        #expect(unknown.bytes == raw)
        #expect(unknown.defects == [Defect(.transferEncodingUnknown, at: 42, severity: .error)])
        let damaged = TransferEncoding.base64.decode(Array("TW!Fu".utf8), baseOffset: 1000)
        #expect(damaged.defects == [Defect(.base64InvalidByte, at: 1002)])
    }
}
