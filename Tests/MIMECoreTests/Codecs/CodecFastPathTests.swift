import MIMECore
import Testing

/// The codecs' fast paths (16-character base64 blocks with predicted line breaks, the QP word
/// scan and escape runs, the SIMD byte count, the UTF-8 check) against their slow paths, over
/// seeded realistic inputs with damage. The reference is the byte-by-byte feed, which never
/// enters a fast path; every other chunking must give the same bytes and the same defects.
@Suite struct CodecFastPathTests {
    /// Feeds `input` whole, byte by byte, cut once at every position, in 16-byte chunks at every
    /// phase (so blocks and escapes straddle chunks at each offset of the SIMD width), and cut
    /// twice at seeded places; expects one result.
    @discardableResult
    func expectSplitsAgree<Codec: ChunkedCodec>(_ codec: Codec, _ input: [UInt8], random: inout CodecRandom,
                                                sourceLocation: SourceLocation = #_sourceLocation) -> (bytes: [UInt8], defects: [Defect]) {
        let reference = runCodec(codec, input, cuts: Array(0..<input.count))
        var cutSets: [[Int]] = [[]]
        cutSets += (0...input.count).map { [$0] }
        cutSets += (0..<16).map { phase in Array(stride(from: phase, to: input.count, by: 16)) }
        for _ in 0..<24 where input.count > 1 {
            let a = Int(random.next() % UInt64(input.count))
            let b = Int(random.next() % UInt64(input.count))
            cutSets.append([min(a, b), max(a, b)])
        }
        let differing = cutSets.first { runCodec(codec, input, cuts: $0) != reference }
        #expect(differing == nil, "cuts \(differing ?? []) changed the result for \(hexString(input))",
                sourceLocation: sourceLocation)
        return reference
    }

    /// base64 of random bytes in lines of many lengths (multiples of 4 or not), CRLF or LF, some
    /// with damage: junk, stray blanks, padding in the middle, a deleted character.
    @Test func base64BlocksAgreeWithTheStateMachine() {
        var random = CodecRandom(seed: 0x6234_6661_7374)
        for trial in 0..<120 {
            let data = random.bytes(Int(random.next() % 420))
            let plain = data.withUnsafeBytes { raw -> [UInt8] in
                var encoder = Base64Encoder(lineLength: 1 << 30, lineEnding: .lf)
                var out: [UInt8] = []
                encoder.encode(raw, into: &out)
                encoder.finish(into: &out)
                return Array(out.dropLast())  // the single line's LF
            }
            let lineLength = [76, 76, 64, 72, 16, 4, 74, 77, 60][trial % 9]
            let lineEnding: [UInt8] = trial % 3 == 0 ? [10] : [13, 10]
            var input: [UInt8] = []
            for start in stride(from: 0, to: plain.count, by: lineLength) {
                input += plain[start..<min(start + lineLength, plain.count)] + lineEnding
            }
            let damaged = trial % 4 == 3
            if damaged && !input.isEmpty {
                for _ in 0..<(1 + Int(random.next() % 3)) {
                    let at = Int(random.next() % UInt64(input.count))
                    let damage: [[UInt8]] = [[0x2A], [0x20], [0x09], [0x3D], [0x3D, 0x3D], [0xE9], [13, 10, 13, 10], []]
                    let pick = damage[Int(random.next() % UInt64(damage.count))]
                    if pick.isEmpty { input.remove(at: at) } else { input.insert(contentsOf: pick, at: at) }
                }
            }
            let result = expectSplitsAgree(Base64Decoder(), input, random: &random)
            if !damaged {
                #expect(result.bytes == data)
                #expect(result.defects.isEmpty)
            }
        }
    }

    /// Every byte value in every lane of the first vector block of a 76-column line whose length
    /// was learned from the line before (so the line goes through the steady-state path, checked
    /// once) and at each of its last 16 places (the fourth block and the table tail), with CRLF
    /// and with LF line ends: the whole feed agrees with the byte-by-byte one, so the SIMD
    /// classifier accepts exactly the 64 alphabet characters and gives each its value, and a
    /// line that fails its check is decoded again by the general steps.
    @Test(arguments: [[UInt8(13), 10], [10]])
    func base64EveryByteInEveryLaneAgreesWithTheStateMachine(lineEnd: [UInt8]) {
        let line = Array("QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0".utf8)
        #expect(line.count == 76)
        var input = line + lineEnd + line + lineEnd + line + lineEnd
        let second = line.count + lineEnd.count
        for place in Array(second..<(second + 16)) + Array((second + 60)..<(second + 76)) {
            for value in 0...255 {
                let saved = input[place]
                input[place] = UInt8(value)
                let whole = runCodec(Base64Decoder(), input, cuts: [])
                #expect(whole == runCodec(Base64Decoder(), input, cuts: Array(0..<input.count)), "byte \(value) at \(place)")
                input[place] = saved
            }
        }
    }

    /// A run of junk is one defect even when it starts at a quantum boundary, where the fast
    /// path is tried between the junk bytes.
    @Test func base64JunkRunIsOneDefect() {
        let result = runCodec(Base64Decoder(), Array("**QUJD\r\n*!*QUJD".utf8))
        #expect(result.bytes == Array("ABCABC".utf8))
        #expect(result.defects == [Defect(.base64InvalidByte, at: 0), Defect(.base64InvalidByte, at: 8)])
    }

    /// French and German UTF-8 text, quoted-printable encoded, with damage: lowercase hex, blanks
    /// before line breaks and after soft-break `=`, bare CRs, raw 8-bit bytes, soft breaks removed
    /// (long lines), broken escapes.
    @Test func quotedPrintableScanAgreesWithTheStateMachine() {
        var random = CodecRandom(seed: 0x7170_6661_7374)
        let pieces = ["Grüße", "für", "über", "déjà", "réunion", "à", " ", " ", "  ", "\t", "=", "équipe",
                      "text", "mit", "Straße", "\r\n", "\n", "“quoted”", "€", "x" + String(repeating: "y", count: 70)]
        for trial in 0..<120 {
            // Text mode writes every line break as the encoder's; the text uses that one only.
            let lineEnding = trial % 3 == 0 ? "\n" : "\r\n"
            let text = Array((0..<Int(random.next() % 40)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
                .map { $0 == "\n" || $0 == "\r\n" ? lineEnding : $0 }.joined().utf8)
            var input = text.withUnsafeBytes {
                QuotedPrintableEncoder.encode($0, lineEnding: trial % 3 == 0 ? .lf : .crlf)
            }
            let damaged = trial % 3 == 2
            if damaged && !input.isEmpty {
                for _ in 0..<(1 + Int(random.next() % 4)) {
                    let at = Int(random.next() % UInt64(input.count))
                    switch random.next() % 7 {
                    case 0: if input[at] >= 0x41 && input[at] <= 0x46 { input[at] += 0x20 }  // lowercase hex
                    case 1: input.insert(contentsOf: [0x20, 0x09, 0x20], at: at)
                    case 2: input.insert(13, at: at)
                    case 3: input.insert(0xE9, at: at)
                    case 4:
                        if let soft = input[at...].firstIndex(of: 0x3D), soft + 1 < input.count,
                           input[soft + 1] == 13 || input[soft + 1] == 10 {
                            input.removeSubrange(soft...(input[soft + 1] == 13 ? min(soft + 2, input.count - 1) : soft + 1))
                        }
                    case 5: input.insert(contentsOf: [0x3D, 0x20, 0x20], at: at)
                    default: input.insert(contentsOf: [0x3D, 0x47], at: at)
                    }
                }
            }
            let result = expectSplitsAgree(QuotedPrintableDecoder(), input, random: &random)
            if !damaged {
                #expect(result.bytes == text)
                #expect(result.defects.isEmpty)
            }
        }
    }

    /// Long lines reached inside the fast path, across escapes and chunk ends: one
    /// `qpLineTooLong` per line, at the 77th character.
    @Test func quotedPrintableLongLinesAreReportedAtColumn77() {
        var random = CodecRandom(seed: 0x6c6f_6e67)
        let line = Array(String(repeating: "abc=C3=A9 ", count: 12).utf8.dropLast())  // 119 characters
        let input = line + [13, 10] + line + [10] + Array("short".utf8)
        let result = expectSplitsAgree(QuotedPrintableDecoder(), input, random: &random)
        #expect(result.defects == [Defect(.qpLineTooLong, at: 76), Defect(.qpLineTooLong, at: 121 + 76)])
    }

    /// The SIMD count of 8-bit bytes against a plain loop, at every length and alignment near
    /// the 16-byte width, and over more than 255 blocks (where the byte lanes are summed).
    @Test func nonASCIICountMatchesAPlainCount() {
        var random = CodecRandom(seed: 0x636f_756e74)
        let data = (0..<9_000).map { _ in random.next() % 5 == 0 ? UInt8(0x80 | random.next() % 128) : UInt8(random.next() % 128) }
        let allHigh = [UInt8](repeating: 0xE9, count: 8_200)
        for sample in [data, allHigh] {
            for start in 0..<17 {
                for end in [start, start + 1, start + 15, start + 16, start + 17, start + 33, 4_080 + start, sample.count] {
                    let slice = Array(sample[start..<max(start, min(end, sample.count))])
                    let expected = slice.filter { $0 >= 0x80 }.count
                    #expect(slice.withUnsafeBytes { TextBytes.nonASCIICount($0) } == expected)
                }
            }
        }
    }

    /// The write-free UTF-8 check agrees with the repairing decoder on every input built from
    /// valid and broken pieces, ASCII runs long enough for the 16-byte skip included.
    @Test func utf8CheckAgreesWithRepair() {
        var random = CodecRandom(seed: 0x7574_6663)
        let pieces: [[UInt8]] = [Array("seventeen ascii b".utf8), [0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC],
                                 [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xC3], [0xC1, 0xBF], [0xE2, 0x82],
                                 [0xF4, 0x90, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE0, 0x9F, 0xBF], [0xFF], [0xF8]]
        for _ in 0..<3_000 {
            let bytes = (0..<Int(random.next() % 10)).flatMap { _ in pieces[Int(random.next() % UInt64(pieces.count))] }
            var repaired: [UInt8] = []
            let scan = bytes.withUnsafeBytes { TextBytes.appendRepairingUTF8($0, into: &repaired) }
            #expect(bytes.withUnsafeBytes { TextBytes.isValidUTF8($0) } == (scan.invalidSequences == 0), "\(bytes)")
        }
    }
}
