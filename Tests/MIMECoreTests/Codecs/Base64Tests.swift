import MIMECore
import Testing

@Suite struct Base64Tests {
    private func decode(_ text: String) -> (bytes: [UInt8], defects: [Defect]) {
        expectChunkInvariant(Base64Decoder(baseOffset: 100), Array(text.utf8))
    }

    @Test func decodesPaddedAndUnpaddedQuanta() {
        #expect(decode("TWFu").bytes == Array("Man".utf8))
        #expect(decode("TWE=").bytes == Array("Ma".utf8))
        #expect(decode("TQ==").bytes == Array("M".utf8))
        #expect(decode("TWFu\r\nTWFu\n TWE=\r\n").bytes == Array("ManManMa".utf8))
        #expect(decode("TWFu\r\nTWE=\r\n").defects.isEmpty)
    }

    @Test func reportsDamageWithOffsets() {
        let junk = decode("TW!!Fu")
        #expect(junk.bytes == Array("Man".utf8))
        #expect(junk.defects == [Defect(.base64InvalidByte, at: 102)])

        let missing = decode("TWFuTWE")
        #expect(missing.bytes == Array("ManMa".utf8))
        #expect(missing.defects == [Defect(.base64MissingPadding, at: 107)])

        let lone = decode("TWFuT")
        #expect(lone.bytes == Array("Man".utf8))
        #expect(lone.defects == [Defect(.base64TruncatedQuantum, at: 105)])

        let after = decode("TQ==TWFu")
        #expect(after.bytes == Array("MMan".utf8))
        #expect(after.defects == [Defect(.base64DataAfterPadding, at: 104)])

        let misplaced = decode("=TWFu=")
        #expect(misplaced.bytes == Array("Man".utf8))
        #expect(misplaced.defects == [Defect(.base64MisplacedPadding, at: 100), Defect(.base64MisplacedPadding, at: 105)])

        let halfPadded = decode("TQ=")
        #expect(halfPadded.bytes == Array("M".utf8))
        #expect(halfPadded.defects == [Defect(.base64MissingPadding, at: 103)])
    }

    /// Every string of up to 6 characters over a small alphabet: no crash, chunk invariance,
    /// a pinned histogram of outcomes, and agreement with Python's strict base64 decoder on
    /// every input we accept without defects.
    @Test func exhaustiveShortInputs() throws {
        let inputs = allStrings(over: Array("A/=\n *".utf8), maximumLength: 6)
        var histogram: [String: Int] = [:]
        var clean: [(input: [UInt8], output: [UInt8])] = []
        for input in inputs {
            let result = expectChunkInvariant(Base64Decoder(), input)
            histogram[outcome(result.defects), default: 0] += 1
            if result.defects.isEmpty { clean.append((input, result.bytes)) }
        }
        #expect(inputs.count == 55_987)
        #expect(histogram == Self.pinnedHistogram, "\(histogram.sorted { $0.key < $1.key })")

        let python = """
        import sys, base64, binascii
        for line in open(sys.argv[1]):
            data = bytes(c for c in bytes.fromhex(line.strip()) if c not in b' \\t\\r\\n')
            try:
                print(base64.b64decode(data, validate=True).hex())
            except binascii.Error:
                print('error')
        """
        let expected = try runPython(python, inputs: clean.map(\.input))
        #expect(expected.count == clean.count)
        let disagreements = zip(clean, expected).filter { hexString($0.0.output) != $0.1 }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map { (hexString($0.0.input), $0.1) })")
    }

    /// Outcomes of the 55,987 inputs (sum checked); "ok" means no defect.
    static let pinnedHistogram: [String: Int] = [
        "base64DataAfterPadding+base64InvalidByte+base64MisplacedPadding+base64TruncatedQuantum": 144,
        "base64DataAfterPadding+base64InvalidByte+base64MissingPadding": 96,
        "base64DataAfterPadding+base64InvalidByte+base64TruncatedQuantum": 784,
        "base64DataAfterPadding+base64MisplacedPadding+base64MissingPadding": 48,
        "base64DataAfterPadding+base64MisplacedPadding+base64TruncatedQuantum": 456,
        "base64DataAfterPadding+base64MissingPadding": 304,
        "base64DataAfterPadding+base64TruncatedQuantum": 880,
        "base64InvalidByte": 3206,
        "base64InvalidByte+base64MisplacedPadding": 3906,
        "base64InvalidByte+base64MisplacedPadding+base64MissingPadding": 6664,
        "base64InvalidByte+base64MisplacedPadding+base64TruncatedQuantum": 8096,
        "base64InvalidByte+base64MissingPadding": 10000,
        "base64InvalidByte+base64TruncatedQuantum": 3560,
        "base64MisplacedPadding": 2226,
        "base64MisplacedPadding+base64MissingPadding": 4972,
        "base64MisplacedPadding+base64TruncatedQuantum": 3496,
        "base64MissingPadding": 3976,
        "base64TruncatedQuantum": 1058,
        "ok": 2115,
    ]

    /// Seeded random damage over a wide alphabet: the 8-characters-at-a-time fast path (used on
    /// whole input) must agree with byte-by-byte feeding.
    @Test func fastPathAgreesWithTheStateMachine() {
        var random = CodecRandom(seed: 0x6236_3466)
        let alphabet = Array("ABCxyz019+/= \t\r\n!-".utf8) + [0xE9, 0x00]
        for _ in 0..<400 {
            let input = (0..<Int(random.next() % 120)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            _ = expectChunkInvariant(Base64Decoder(), input)
        }
    }

    @Test func roundTripsRandomBytesAtEveryChunkSplit() {
        var random = CodecRandom(seed: 0x6261_7365_3634)
        for trial in 0..<60 {
            let data = random.bytes(trial < 10 ? trial : Int(random.next() % 200))
            let lineEnding: LineEnding = trial % 2 == 0 ? .crlf : .lf
            let encoded = expectChunkInvariant(Base64Encoder(lineEnding: lineEnding), data).bytes
            #expect(encoded.split(separator: 10).allSatisfy { $0.count <= 77 })
            let decoded = expectChunkInvariant(Base64Decoder(), encoded)
            #expect(decoded.bytes == data)
            #expect(decoded.defects.isEmpty)
        }
    }

    @Test func encodesSeventySixColumnLines() {
        let data = [UInt8](repeating: 0, count: 60)
        let encoded = data.withUnsafeBytes { Base64Encoder.encode($0) }
        let expected = String(repeating: "A", count: 76) + "\r\n" + "AAAA" + "\r\n"
        #expect(String(decoding: encoded, as: UTF8.self) == expected)
        let short = Array("Ma".utf8).withUnsafeBytes { Base64Encoder.encode($0, lineEnding: .lf) }
        #expect(String(decoding: short, as: UTF8.self) == "TWE=\n")
    }

    @Test(.enabled(if: CodecCorpus.isUsable, "../shared/corpus is missing"))
    func gmimePhotoDecodesToTheJPEG() throws {
        let encoded = try CodecCorpus.bytes("gmime/encodings/photo.b64")
        let expected = try CodecCorpus.bytes("gmime/encodings/photo.jpg")
        let whole = encoded.withUnsafeBytes { Base64Decoder.decode($0) }
        #expect(whole.bytes == expected)
        #expect(whole.defects.isEmpty)
        for chunk in [1, 3, 7, 64, 4096] {
            let cuts = Array(stride(from: chunk, to: encoded.count, by: chunk))
            #expect(runCodec(Base64Decoder(), encoded, cuts: cuts) == whole)
        }
    }
}
