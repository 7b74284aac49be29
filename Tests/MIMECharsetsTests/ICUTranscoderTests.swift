import Foundation
import MIMECharsets
import MIMECore
import Testing

/// `../shared/corpus` beside the repository; see the MIMECore tests' `CharsetCorpus`.
enum CharsetCorpus {
    static let root: String = {
        var path = "\(#filePath)"
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/../shared/corpus"
    }()

    static var isUsable: Bool {
        FileManager.default.fileExists(atPath: root)
            || ProcessInfo.processInfo.environment["MAILPARSE_REQUIRE_SHARED"] == "1"
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath)))
    }
}

func transcode(_ bytes: [UInt8], from charset: String) -> (text: [UInt8], report: TranscodeReport)? {
    var output: [UInt8] = []
    guard let report = bytes.withUnsafeBytes({ ICUTranscoder().transcodeReporting($0, from: charset, into: &output) }) else {
        #expect(output.isEmpty, "an unknown charset must append nothing")
        return nil
    }
    return (output, report)
}

@Suite struct ICUTranscoderTests {
    @Test func knowsNamesAndAliasesInAnyCase() {
        for name in ["windows-1252", "ISO-2022-JP", "Shift_JIS", "koi8-r", "GB18030", "big5", "UTF-7", "utf-8", "latin1", "\"us-ascii\""] {
            #expect(ICUTranscoder.isKnown(name), "\(name)")
        }
        for name in ["x-no-such-charset", "", "utf-8\0"] {
            #expect(!ICUTranscoder.isKnown(name), "\(name)")
        }
        #expect(transcode(Array("abc".utf8), from: "x-no-such-charset") == nil)
        #expect(transcode(Array("abc".utf8), from: "") == nil)
    }

    @Test(.enabled(if: CharsetCorpus.isUsable, "../shared/corpus is missing"),
          arguments: [
              ("cyrillic.cp1251.txt", "windows-1251", "cyrillic.utf-8.txt"),
              ("cyrillic.iso-8859-5.txt", "iso-8859-5", "cyrillic.utf-8.txt"),
              ("cyrillic.koi8-r.txt", "KOI8-R", "cyrillic.utf-8.txt"),
              ("japanese.iso-2022-jp.txt", "iso-2022-jp", "japanese.utf-8.txt"),
              ("japanese.shift-jis.txt", "shift-jis", "japanese.utf-8.txt"),
              ("japanese.utf-8.txt", "utf-8", "japanese.utf-8.txt"),
          ])
    func gmimeEquivalenceSetsConvertExactly(file: String, charset: String, expected: String) throws {
        let input = try CharsetCorpus.bytes("gmime/charsets/" + file)
        let reference = try CharsetCorpus.bytes("gmime/charsets/" + expected)
        let result = try #require(transcode(input, from: charset))
        #expect(result.text == reference, "first difference at byte \(zip(result.text, reference).prefix { $0 == $1 }.count)")
        #expect(result.report == TranscodeReport(hadInvalidBytes: false))
    }

    /// gmime's Big5 file is the UTF-8 reference encoded to Big5 with unencodable characters
    /// dropped (129 Japanese shinjitai such as 続; Python's `encode("big5", "ignore")`
    /// reproduces it), so decoding gives the reference minus exactly those characters.
    @Test(.enabled(if: CharsetCorpus.isUsable, "../shared/corpus is missing"))
    func gmimeBig5DecodesToTheLossyReference() throws {
        let input = try CharsetCorpus.bytes("gmime/charsets/chinese.big5.txt")
        let reference = String(decoding: try CharsetCorpus.bytes("gmime/charsets/chinese.utf-8.txt"), as: UTF8.self)
        let result = try #require(transcode(input, from: "big5"))
        #expect(result.report == TranscodeReport(hadInvalidBytes: false))
        let decoded = String(decoding: result.text, as: UTF8.self)
        var rest = reference.unicodeScalars[...]
        var dropped: [Unicode.Scalar] = []
        for scalar in decoded.unicodeScalars {
            while let next = rest.first, next != scalar {
                dropped.append(next)
                rest.removeFirst()
            }
            #expect(!rest.isEmpty, "decoded text is not a subsequence of the reference")
            rest = rest.dropFirst()
        }
        dropped += rest
        #expect(decoded.unicodeScalars.count == 665)
        #expect(dropped.count == 129)
        #expect(dropped.allSatisfy { (0x4E00...0x9FFF).contains($0.value) })
        #expect(dropped.first == "続")
    }

    @Test(.enabled(if: CharsetCorpus.isUsable, "../shared/corpus is missing"))
    func latin1LabelOnWindows1252TextIsDetectedButDecodedAsLabelled() throws {
        let input = try CharsetCorpus.bytes("gmime/charsets/french-fable.cp1252.txt")
        // GMime's detector calls this text windows-1252; so do we.
        #expect(input.withUnsafeBytes { ICUTranscoder.likelyCharset(of: $0, declared: "iso-8859-1") } == "windows-1252")
        #expect(Array("plain ascii".utf8).withUnsafeBytes { ICUTranscoder.likelyCharset(of: $0, declared: "iso-8859-1") }
                == "iso-8859-1")
        // Decoding keeps the label: every byte is valid ISO-8859-1 (0x92 is U+0092 there).
        let result = try #require(transcode(input, from: "iso-8859-1"))
        #expect(result.report == TranscodeReport(hadInvalidBytes: false))
        let text = String(decoding: result.text, as: UTF8.self)
        #expect(text.hasPrefix("Maître Corbeau"))
        #expect(text.contains("\u{92}"))
        let windows = try #require(transcode(input, from: "windows-1252"))
        #expect(String(decoding: windows.text, as: UTF8.self).contains("\u{2019}"))
    }

    @Test func lyingLabelsFallBack() throws {
        let utf8 = Array("naïve".utf8)
        let asASCII = try #require(transcode(utf8, from: "us-ascii"))
        #expect(asASCII.text == utf8)
        #expect(asASCII.report == TranscodeReport(hadInvalidBytes: false, fallbackCharset: "utf-8", declaredCharsetFits: false))
        #expect(asASCII.report.result == TranscodeResult(hadInvalidBytes: true))

        let legacy: [UInt8] = [0x63, 0x61, 0x66, 0xE9, 0x20, 0x80]  // "café €" in windows-1252
        let legacyAsASCII = try #require(transcode(legacy, from: "US-ASCII"))
        #expect(String(decoding: legacyAsASCII.text, as: UTF8.self) == "café €")
        #expect(legacyAsASCII.report.fallbackCharset == "windows-1252")
        let legacyAsUTF8 = try #require(transcode(legacy, from: "utf-8"))
        #expect(legacyAsUTF8.text == legacyAsASCII.text)
        #expect(legacyAsUTF8.report.defects(at: 7).map(\.kind) == [.charsetMislabeled])

        // Mostly valid UTF-8 with one bad byte stays UTF-8.
        let mixed = try #require(transcode(Array("é".utf8) + [0xFF], from: "utf-8"))
        #expect(String(decoding: mixed.text, as: UTF8.self) == "é\u{FFFD}")
        #expect(mixed.report == TranscodeReport(hadInvalidBytes: true))
    }

    @Test func statefulAndMultibyteCharsets() throws {
        let utf7 = try #require(transcode(Array("Hi Mom -+Jjo--!".utf8), from: "utf-7"))
        #expect(String(decoding: utf7.text, as: UTF8.self) == "Hi Mom -\u{263A}-!")
        let gb18030: [UInt8] = [0x81, 0x30, 0x81, 0x30, 0xD6, 0xD0]  // U+0080 (4-byte form), 中
        #expect(String(decoding: try #require(transcode(gb18030, from: "GB18030")).text, as: UTF8.self) == "\u{80}中")
        let broken = try #require(transcode([0x41, 0x82], from: "shift_jis"))  // a lead byte with no trail
        #expect(broken.report.hadInvalidBytes)
        #expect(String(decoding: broken.text, as: UTF8.self) == "A\u{FFFD}")
    }

    /// The table paths must match ICU's own converters for every byte.
    @Test(arguments: ["windows-1252", "koi8-r", "iso-8859-5", "windows-1251", "iso-8859-15", "us-ascii", "iso-8859-1"])
    func singleByteTablesMatchICU(charset: String) throws {
        let all = (0..<256).map(UInt8.init) + Array("ASCII run of more than eight bytes".utf8)
        var viaICU: [UInt8] = []
        let icuReport = try #require(all.withUnsafeBytes {
            ICUTranscoder().transcodeBypassingFastPaths($0, from: charset, into: &viaICU)
        })
        if charset == "us-ascii" || charset == "iso-8859-1" {
            // Handled by the basic paths, with fallbacks: compare only the ASCII half.
            let half = Array(all[0..<128])
            #expect(transcode(half, from: charset)?.text == Array(String(decoding: half, as: UTF8.self).utf8))
            return
        }
        let fast = try #require(transcode(all, from: charset))
        #expect(fast.text == viaICU)
        #expect(fast.report == icuReport)
    }

    @Test func windows1252HasTheEuroSign() throws {
        #expect(String(decoding: try #require(transcode([0x80, 0x9F], from: "windows-1252")).text, as: UTF8.self) == "€Ÿ")
    }

    /// Seeded random bytes: our UTF-8 repair must match the standard library's, which follows
    /// the same Unicode recommendation (maximal subparts).
    @Test func utf8RepairMatchesTheStandardLibrary() {
        var state: UInt64 = 0x7574_6638
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0x80], [0xC3],
                                 [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF], [0xE0, 0x80]]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(next() % 12)).flatMap { _ in pieces[Int(next() % UInt64(pieces.count))] }
            var output: [UInt8] = []
            let scan = bytes.withUnsafeBytes { TextBytes.appendRepairingUTF8($0, into: &output) }
            let expected = Array(String(decoding: bytes, as: UTF8.self).utf8)
            #expect(output == expected, "\(bytes)")
            #expect((scan.invalidSequences == 0) == (String(validating: bytes, as: UTF8.self) != nil))
        }
    }

    @Test func worksFromManyThreadsAtOnce() async {
        let input = Array("Добрый день".utf8)
        var koi8: [UInt8] = []
        let encoded: [UInt8] = [0xE4, 0xCF, 0xC2, 0xD2, 0xD9, 0xCA, 0x20, 0xC4, 0xC5, 0xCE, 0xD8]
        _ = encoded.withUnsafeBytes { ICUTranscoder().transcode($0, from: "koi8-r", into: &koi8) }
        #expect(koi8 == input)
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<200).allSatisfy { _ in transcode(encoded, from: "koi8-r")?.text == input }
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
