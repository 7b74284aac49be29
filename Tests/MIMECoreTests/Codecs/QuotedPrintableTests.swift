import MIMECore
import Testing

@Suite struct QuotedPrintableTests {
    private func decode(_ text: String) -> (text: String, defects: [Defect]) {
        let result = expectChunkInvariant(QuotedPrintableDecoder(baseOffset: 10), Array(text.utf8))
        return (String(decoding: result.bytes, as: UTF8.self), result.defects)
    }

    @Test func decodesEscapesAndSoftBreaks() {
        #expect(decode("caf=C3=A9\r\n").text == "café\r\n")
        #expect(decode("a=\r\nb=\nc").text == "abc")
        #expect(decode("ends with soft break=").text == "ends with soft break")
        #expect(decode("a=\r\nb=\nc=3D\r\n").defects.isEmpty)
    }

    @Test func toleratesDamageAndSaysWhere() {
        let lower = decode("=c3=a9")
        #expect(lower.text == "é")
        #expect(lower.defects == [Defect(.qpLowercaseHex, at: 11), Defect(.qpLowercaseHex, at: 14)])

        let invalid = decode("a=G1 =4")
        #expect(invalid.text == "a=G1 =4")
        #expect(invalid.defects == [Defect(.qpInvalidEscape, at: 11), Defect(.qpInvalidEscape, at: 15)])

        let trailing = decode("a \t\r\nb  \nc ")
        #expect(trailing.text == "a \t\r\nb  \nc ")  // kept (Deviation 1)
        #expect(trailing.defects.map(\.kind) == [.qpTrailingWhiteSpace, .qpTrailingWhiteSpace, .qpTrailingWhiteSpace])
        #expect(trailing.defects.map(\.offset) == [11, 16, 20])

        let blankSoftBreak = decode("a= \t\r\nb")
        #expect(blankSoftBreak.text == "ab")
        #expect(blankSoftBreak.defects == [Defect(.qpTrailingWhiteSpace, at: 12)])

        let bareCR = decode("a\rb")
        #expect(bareCR.text == "a\rb")
        #expect(bareCR.defects == [Defect(.qpBareCR, at: 11)])

        let long = decode(String(repeating: "x", count: 80) + "\n" + String(repeating: "y", count: 76))
        #expect(long.defects == [Defect(.qpLineTooLong, at: 86)])

        let eightBit = decode("\u{7}é")
        #expect(eightBit.text == "\u{7}é")
        #expect(eightBit.defects == [Defect(.qpUnencodedByte, at: 10)])
    }

    /// Every string of up to 6 characters over a small alphabet: no crash, chunk invariance,
    /// a pinned histogram of outcomes, and agreement with Python's `quopri` on every input we
    /// decode without defects.
    @Test func exhaustiveShortInputs() throws {
        let inputs = allStrings(over: Array("=Af \n\r".utf8), maximumLength: 6)
        var histogram: [String: Int] = [:]
        var clean: [(input: [UInt8], output: [UInt8])] = []
        for input in inputs {
            let result = expectChunkInvariant(QuotedPrintableDecoder(), input)
            histogram[outcome(result.defects), default: 0] += 1
            if result.defects.isEmpty { clean.append((input, result.bytes)) }
        }
        #expect(inputs.count == 55_987)
        #expect(histogram == Self.pinnedHistogram, "\(histogram.sorted { $0.key < $1.key })")

        let python = """
        import sys, quopri
        for line in open(sys.argv[1]):
            print(quopri.decodestring(bytes.fromhex(line.strip())).hex())
        """
        let expected = try runPython(python, inputs: clean.map(\.input))
        #expect(expected.count == clean.count)
        let disagreements = zip(clean, expected).filter { hexString($0.0.output) != $0.1 }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map { (hexString($0.0.input), $0.1) })")
    }

    /// Outcomes of the 55,987 inputs (sum checked); "ok" means no defect.
    static let pinnedHistogram: [String: Int] = [
        "ok": 7504,
        "qpBareCR": 15905,
        "qpBareCR+qpInvalidEscape": 4567,
        "qpBareCR+qpInvalidEscape+qpLowercaseHex": 2310,
        "qpBareCR+qpInvalidEscape+qpLowercaseHex+qpTrailingWhiteSpace": 456,
        "qpBareCR+qpInvalidEscape+qpTrailingWhiteSpace": 1066,
        "qpBareCR+qpLowercaseHex": 831,
        "qpBareCR+qpLowercaseHex+qpTrailingWhiteSpace": 117,
        "qpBareCR+qpTrailingWhiteSpace": 7326,
        "qpInvalidEscape": 4209,
        "qpInvalidEscape+qpLowercaseHex": 2381,
        "qpInvalidEscape+qpLowercaseHex+qpTrailingWhiteSpace": 747,
        "qpInvalidEscape+qpTrailingWhiteSpace": 1531,
        "qpLowercaseHex": 1032,
        "qpLowercaseHex+qpTrailingWhiteSpace": 303,
        "qpTrailingWhiteSpace": 5702,
    ]

    /// Seeded random damage over a wide alphabet (tabs, 8-bit, hex digits, long runs): the
    /// 8-bytes-at-a-time fast path (used on whole input) must agree with byte-by-byte feeding.
    @Test func fastPathAgreesWithTheStateMachine() {
        var random = CodecRandom(seed: 0x6661_7374)
        let alphabet = Array("=AFaf09 \t\r\nxyz.".utf8) + [0xE9, 0x7F, 0x00]
        for _ in 0..<400 {
            let input = (0..<Int(random.next() % 120)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            _ = expectChunkInvariant(QuotedPrintableDecoder(), input)
        }
        let longLine = Array(repeating: UInt8(ascii: "a"), count: 100) + Array(" \t \r\n".utf8)
        _ = expectChunkInvariant(QuotedPrintableDecoder(), longLine)
    }

    @Test func roundTripsRandomBytesAtEveryChunkSplit() {
        var random = CodecRandom(seed: 0x7170)
        for trial in 0..<60 {
            let data = random.bytes(trial < 10 ? trial : Int(random.next() % 200))
            let encoder = QuotedPrintableEncoder(lineEnding: trial % 2 == 0 ? .crlf : .lf, isBinary: true,
                                                 encodesFromLines: true, encodesDotLines: true)
            let encoded = expectChunkInvariant(encoder, data).bytes
            #expect(encoded.split(separator: 10).allSatisfy { $0.count <= 77 })
            let decoded = expectChunkInvariant(QuotedPrintableDecoder(), encoded)
            #expect(decoded.bytes == data)
            #expect(decoded.defects.isEmpty)
        }
    }

    @Test func roundTripsTextWithLineBreaksAndBlanks() {
        var random = CodecRandom(seed: 0x7465_7874)
        let pieces: [[UInt8]] = [[13, 10], [0x20], [0x09], Array("From ".utf8), [0x2E], [0x3D], Array("word".utf8), [0xE9]]
        for _ in 0..<60 {
            let data = (0..<Int(random.next() % 60)).flatMap { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            let encoded = expectChunkInvariant(QuotedPrintableEncoder(encodesFromLines: true, encodesDotLines: true), data).bytes
            let lines = encoded.split(separator: 10, omittingEmptySubsequences: false)
            #expect(lines.allSatisfy { $0.count <= 77 })
            #expect(!lines.contains { $0.starts(with: Array("From ".utf8)) || $0.first == 0x2E })
            #expect(!lines.dropLast().contains { $0.dropLast().last == 0x20 || $0.dropLast().last == 0x09 })
            let decoded = expectChunkInvariant(QuotedPrintableDecoder(), encoded)
            #expect(decoded.bytes == data)
            #expect(decoded.defects.isEmpty)
        }
    }

    @Test func encodesTrailingBlanksAndLongLines() {
        let encoded = Array("a \r\nb\t".utf8).withUnsafeBytes { QuotedPrintableEncoder.encode($0) }
        #expect(String(decoding: encoded, as: UTF8.self) == "a=20\r\nb=09")
        let long = Array(String(repeating: "x", count: 80).utf8).withUnsafeBytes { QuotedPrintableEncoder.encode($0, lineEnding: .lf) }
        #expect(String(decoding: long, as: UTF8.self) == String(repeating: "x", count: 75) + "=\nxxxxx")
    }

    @Test(.enabled(if: CodecCorpus.isUsable, "../shared/corpus is missing"),
          arguments: ["gmime/encodings/wikipedia", "mimekit/encoders/wikipedia"])
    func corpusPairsDecodeExactly(stem: String) throws {
        let encoded = try CodecCorpus.bytes(stem + ".qp")
        let expected = try CodecCorpus.bytes(stem + ".txt")
        let result = expectChunkInvariant(QuotedPrintableDecoder(), encoded)
        #expect(result.bytes == expected)
        #expect(result.defects.isEmpty)
    }
}
