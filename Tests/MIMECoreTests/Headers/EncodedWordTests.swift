import MIMECore
import Testing

@Suite struct EncodedWordDecodingTests {
    /// (input, expected text, expected defect kinds in order)
    @Test(arguments: [
        ("plain text", "plain text", []),
        ("=?utf-8?q?caf=C3=A9?=", "café", []),
        ("=?UTF-8?Q?caf=c3=a9?=", "café", []),
        ("=?utf-8?b?Y2Fmw6k=?=", "café", []),
        ("=?ISO-8859-1?Q?a?= b", "a b", []),
        ("a =?ISO-8859-1?Q?b?=", "a b", []),
        // RFC 2047 §8 examples
        ("=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=", "ab", []),
        ("=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=", "ab", []),
        ("=?ISO-8859-1?Q?a?=\t =?ISO-8859-1?Q?b?=", "ab", []),
        ("=?ISO-8859-1?Q?a_b?=", "a b", []),
        ("=?ISO-8859-1?Q?a?= =?US-ASCII?Q?_b?=", "a b", []),
        ("(=?ISO-8859-1?Q?a?=)", "(a)", ["encodedWordNotDelimited", "encodedWordNotDelimited"]),
        // Latin-1 byte
        ("=?iso-8859-1?q?caf=E9?=", "café", []),
        // a character split across two words is rejoined (Q and B)
        ("=?utf-8?q?=C3?= =?utf-8?q?=A9?=", "é", []),
        ("=?utf-8?b?ww==?= =?UTF-8?b?qQ==?=", "é", []),
        ("=?utf-8?b?5pel5pys?= =?utf-8?b?6Kqe?=", "日本語", []),
        // RFC 2231 §5 language
        ("=?utf-8*en?q?hi?=", "hi", []),
        ("=?utf-8*en-us?Q?Hello_World?=", "Hello World", []),
        // damage
        ("=?utf-8?q??=", "", ["encodedWordEmpty"]),
        ("=?utf-8?q?caf=C3=A9", "café", ["encodedWordUnterminated"]),
        ("=?utf-8?q?abc def", "abc def", ["encodedWordUnterminated"]),
        ("foo=?utf-8?q?bar?=baz", "foobarbaz", ["encodedWordNotDelimited", "encodedWordNotDelimited"]),
        ("=?utf-8?b?w6k?=", "é", ["encodedWordBase64Padding"]),
        ("=?utf-8?b?w6k===?=", "é", ["encodedWordBase64Padding"]),
        ("=?utf-8?b?w6!k=?=", "é", ["encodedWordInvalidText"]),
        ("=?utf-8?q?a=ZZb?=", "a=ZZb", ["encodedWordInvalidText"]),
        ("=?iso-8859-1?q?hello world?=", "hello world", ["encodedWordContainsWhitespace"]),
        ("=?utf-8?q?=FF?=", "\u{FFFD}", ["invalidCharsetBytes"]),
        ("=?utf-8?q?abc=?utf-8?q?def?=", "abcdef", ["encodedWordUnterminated"]),
        // not encoded words at all
        ("a =? b ?= c", "a =? b ?= c", []),
        ("=?utf-8?x?abc?=", "=?utf-8?x?abc?=", []),
        ("=??q?abc?=", "=??q?abc?=", []),
        ("=?utf-8?q", "=?utf-8?q", []),
        // unknown charset: kept as written, with the space between same-charset words
        ("=?x-foo?q?abc?=  =?x-foo?q?def?= x", "=?x-foo?q?abc?=  =?x-foo?q?def?= x", ["unknownCharset"]),
        ("a =?x-foo?q?b?= =?utf-8?q?c?=", "a =?x-foo?q?b?= c", ["unknownCharset"]),
        ("=?utf-8?q?a?= =?x-foo?q?b?=\t=?utf-8?q?c?= =?utf-8?q?d?=", "a =?x-foo?q?b?=\tcd", ["unknownCharset"]),
        // raw 8-bit: UTF-8, else Latin-1
        ("Gr\u{FC}\u{DF}e", "Grüße", []),
    ] as [(String, String, [String])])
    func decodes(input: String, expected: String, expectedKinds: [String]) {
        let result = EncodedWord.decodeText(bytes(input))
        #expect(result.text == expected)
        #expect(kinds(result.defects) == expectedKinds)
    }

    @Test func latin1FallbackForRawBytes() {
        let result = EncodedWord.decodeText([0x47, 0x72, 0xFC, 0x65], baseOffset: 100)
        #expect(result.text == "Grüe")
        #expect(result.defects == [Defect(.invalidHeaderUTF8, at: 100, severity: .notice)])
    }

    @Test func transcoderDecodesOtherCharsets() {
        let transcoder = UpperTranscoder()
        let result = EncodedWord.decodeText(bytes("=?X-UPPER?q?ab?= =?x-upper?b?Y2Q=?= e"), transcoder: transcoder)
        #expect(result.text == "ABCD e")
        #expect(result.defects.isEmpty)
        let unknown = EncodedWord.decodeText(bytes("=?koi8-r?b?8tXT08vJ0Q==?="), transcoder: transcoder)
        #expect(unknown.text == "=?koi8-r?b?8tXT08vJ0Q==?=")
        #expect(kinds(unknown.defects) == ["unknownCharset"])
    }

    @Test func defectsCarryAbsoluteOffsets() {
        let result = EncodedWord.decodeText(bytes("ab =?utf-8?q?x"), baseOffset: 1000)
        #expect(result.defects == [Defect(.encodedWordUnterminated, at: 1003, severity: .warning)])
    }

    @Test func singleWordValidation() {
        #expect(EncodedWord("=?utf-8*de?B?w6k=?=") == EncodedWord(charset: "utf-8", language: "de", encoding: .base64, bytes: [0xC3, 0xA9]))
        #expect(EncodedWord("=?utf-8?q?a?= ") == nil)
        #expect(EncodedWord("=?utf-8?b?w6k?=") == nil)
        #expect(EncodedWord("=?utf-8?q?a") == nil)
    }

    /// Linear time: 200,000 unterminated openers take well under 64× the time of 25,000 (what
    /// rescanning to the end for every `=?` would cost); 99,999 `?=` closers decode quickly.
    @Test func noQuadraticTrap() {
        let clock = ContinuousClock()
        let small = Array(String(repeating: "=?a?q?x ", count: 25_000).utf8)
        let large = Array(String(repeating: "=?a?q?x ", count: 200_000).utf8)
        let smallTime = clock.measure { _ = EncodedWord.decodeText(small) }
        let largeTime = clock.measure { _ = EncodedWord.decodeText(large) }
        let closers = Array(String(repeating: "?=", count: 99_999).utf8) + Array("=?utf-8?q?x".utf8)
        let closersTime = clock.measure { _ = EncodedWord.decodeText(closers) }
        #expect(largeTime < smallTime * 24, "25k: \(smallTime), 200k: \(largeTime)")
        #expect(closersTime < largeTime)
        print("encoded words: 25,000 unterminated in \(smallTime), 200,000 in \(largeTime); 99,999 closers in \(closersTime)")
        let glued = Array(String(repeating: "=?utf-8?q?", count: 50_000).utf8)
        let result = EncodedWord.decodeText(glued)
        #expect(result.text.isEmpty && result.defects.count == 100_000)
    }

    /// Every string of up to 6 tokens over {=, ?, q, b, Q, a, _, SP}, decoded with a transcoder
    /// that knows charset "a": no crash, and the outcome histogram is pinned.
    @Test func exhaustiveShortInputs() {
        var histogram: [String: Int] = [:]
        let transcoder = UpperTranscoder()
        enumerateStrings(["=", "?", "q", "b", "Q", "a", "_", " "], maxLength: 6) { s in
            let result = EncodedWord.decodeText(bytes(s), transcoder: transcoder)
            var key = result.text == s ? "same" : "changed"
            let k = Set(kinds(result.defects)).sorted()
            if !k.isEmpty { key += ":" + k.joined(separator: "+") }
            histogram[key, default: 0] += 1
        }
        #expect(histogram.values.reduce(0, +) == 299_593)
        #expect(
            histogram == [
                "same": 299_575,
                // "=?q?b?" and friends: charsets other than "a" are unknown and kept as written
                "same:encodedWordEmpty+encodedWordUnterminated+unknownCharset": 15,
                // "=?a?q?", "=?a?Q?", "=?a?b?": empty, unterminated words decode to ""
                "changed:encodedWordEmpty+encodedWordUnterminated": 3,
            ], "histogram \(histogram.sorted { $0.key < $1.key })")
    }

    /// The same, for everything following "=?a?q?" and "=?a?b?" (4 more tokens): the payload
    /// decoders see every short input.
    @Test func exhaustivePayloads() {
        var histogram: [String: Int] = [:]
        let transcoder = UpperTranscoder()
        for prefix in ["=?a?q?", "=?a?b?"] {
            enumerateStrings(["=", "?", "A", "3", "_", " ", "/", "z"], maxLength: 5) { s in
                let input = prefix + s
                let result = EncodedWord.decodeText(bytes(input), transcoder: transcoder)
                var key = prefix + (result.text == input ? "same" : "changed")
                let k = Set(kinds(result.defects)).sorted()
                if !k.isEmpty { key += ":" + k.joined(separator: "+") }
                histogram[key, default: 0] += 1
            }
        }
        #expect(histogram.values.reduce(0, +) == 74_898)
        #expect(
            histogram ==
            [
                "=?a?b?changed:encodedWordBase64Padding": 89,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordContainsWhitespace+encodedWordInvalidText": 130,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordContainsWhitespace+encodedWordInvalidText+encodedWordNotDelimited": 70,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordContainsWhitespace+encodedWordInvalidText+invalidCharsetBytes": 36,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText": 196,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+encodedWordNotDelimited": 154,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+encodedWordNotDelimited+encodedWordUnterminated": 271,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+encodedWordNotDelimited+encodedWordUnterminated+invalidCharsetBytes": 60,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+encodedWordUnterminated": 10564,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+encodedWordUnterminated+invalidCharsetBytes": 6284,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordInvalidText+invalidCharsetBytes": 72,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordNotDelimited": 378,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordNotDelimited+encodedWordUnterminated": 413,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordNotDelimited+encodedWordUnterminated+invalidCharsetBytes": 160,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordNotDelimited+invalidCharsetBytes": 84,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordUnterminated": 3803,
                "=?a?b?changed:encodedWordBase64Padding+encodedWordUnterminated+invalidCharsetBytes": 2800,
                "=?a?b?changed:encodedWordBase64Padding+invalidCharsetBytes": 88,
                "=?a?b?changed:encodedWordContainsWhitespace+encodedWordInvalidText": 39,
                "=?a?b?changed:encodedWordContainsWhitespace+encodedWordInvalidText+encodedWordNotDelimited": 98,
                "=?a?b?changed:encodedWordEmpty": 74,
                "=?a?b?changed:encodedWordEmpty+encodedWordNotDelimited": 511,
                "=?a?b?changed:encodedWordEmpty+encodedWordNotDelimited+encodedWordUnterminated": 512,
                "=?a?b?changed:encodedWordEmpty+encodedWordUnterminated": 4475,
                "=?a?b?changed:encodedWordInvalidText": 36,
                "=?a?b?changed:encodedWordInvalidText+encodedWordNotDelimited": 154,
                "=?a?b?changed:encodedWordInvalidText+encodedWordNotDelimited+encodedWordUnterminated": 84,
                "=?a?b?changed:encodedWordInvalidText+encodedWordUnterminated": 1898,
                "=?a?b?changed:encodedWordInvalidText+encodedWordUnterminated+invalidCharsetBytes": 3244,
                "=?a?b?changed:encodedWordUnterminated": 56,
                "=?a?b?changed:encodedWordUnterminated+invalidCharsetBytes": 616,
                "=?a?q?changed": 350,
                "=?a?q?changed:encodedWordContainsWhitespace": 163,
                "=?a?q?changed:encodedWordContainsWhitespace+encodedWordInvalidText": 42,
                "=?a?q?changed:encodedWordContainsWhitespace+encodedWordInvalidText+encodedWordNotDelimited": 14,
                "=?a?q?changed:encodedWordContainsWhitespace+encodedWordNotDelimited": 154,
                "=?a?q?changed:encodedWordEmpty": 74,
                "=?a?q?changed:encodedWordEmpty+encodedWordNotDelimited": 511,
                "=?a?q?changed:encodedWordEmpty+encodedWordNotDelimited+encodedWordUnterminated": 512,
                "=?a?q?changed:encodedWordEmpty+encodedWordUnterminated": 4475,
                "=?a?q?changed:encodedWordInvalidText": 129,
                "=?a?q?changed:encodedWordInvalidText+encodedWordNotDelimited": 140,
                "=?a?q?changed:encodedWordInvalidText+encodedWordNotDelimited+encodedWordUnterminated": 244,
                "=?a?q?changed:encodedWordInvalidText+encodedWordUnterminated": 10107,
                "=?a?q?changed:encodedWordInvalidText+encodedWordUnterminated+invalidCharsetBytes": 76,
                "=?a?q?changed:encodedWordNotDelimited": 630,
                "=?a?q?changed:encodedWordNotDelimited+encodedWordUnterminated": 742,
                "=?a?q?changed:encodedWordNotDelimited+encodedWordUnterminated+invalidCharsetBytes": 2,
                "=?a?q?changed:encodedWordUnterminated": 18826,
                "=?a?q?changed:encodedWordUnterminated+invalidCharsetBytes": 256,
                "=?a?q?changed:invalidCharsetBytes": 2,
            ], "histogram \(histogram.sorted { $0.key < $1.key })")
    }
}

@Suite struct EncodedWordEncodingTests {
    @Test(arguments: [
        ("hello world", "hello world"),
        ("", ""),
        // B is shorter for short accented words, Q for mostly-ASCII ones (ties: Q)
        ("café", "=?utf-8?b?Y2Fmw6k=?="),
        ("Hello café world", "Hello =?utf-8?b?Y2Fmw6k=?= world"),
        ("Schöneberg", "=?utf-8?q?Sch=C3=B6neberg?="),
        ("Ännchen", "=?utf-8?q?=C3=84nnchen?="),
        ("Schöneberg Ännchen x", "=?utf-8?q?Sch=C3=B6neberg_=C3=84nnchen?= x"),
        ("a =?utf-8?q?x?= b", "a =?utf-8?b?PT91dGYtOD9xP3g/PQ==?= b"),
        ("tab\tö", "tab\t=?utf-8?b?w7Y=?="),
        ("日本語", "=?utf-8?b?5pel5pys6Kqe?="),
    ])
    func encodes(text: String, expected: String) {
        #expect(EncodedWord.encodeText(text) == expected)
        #expect(EncodedWord.decodeText(bytes(expected)).text == text)
    }

    @Test func longTextIsSplitIntoWordsOfAtMost75() {
        let text = String(repeating: "日本語のテキスト", count: 20)
        let encoded = EncodedWord.encodeText(text)
        let words = encoded.split(separator: " ")
        #expect(words.count > 5)
        for word in words {
            #expect(word.utf8.count <= 75)
            #expect(EncodedWord(String(word)) != nil)
        }
        #expect(EncodedWord.decodeText(bytes(encoded)).text == text)
    }

    /// Seeded random Unicode text round-trips through encode → decode; every word ≤ 75.
    @Test func seededRoundTrip() {
        var rng = SplitMix64(seed: 0x6D61_696C_7061_7273)
        let pools: [[UInt32]] = [
            Array(0x61...0x7A), [0x20, 0x20, 0x20, 0x09, 0x0D, 0x0A], Array("=?_\"()<>@,;:.".unicodeScalars.map(\.value)),
            Array(0xC0...0xFF), Array(0x391...0x3C9), Array(0x4E00...0x4E80), Array(0x1F600...0x1F64F),
            [0x300, 0x301, 0x200D, 0xFEFF, 0x7F, 0x00],
        ]
        var checked = 0
        for _ in 0..<3000 {
            let length = Int(rng.next() % 90)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let pool = pools[Int(rng.next() % UInt64(pools.count))]
                scalars.append(Unicode.Scalar(pool[Int(rng.next() % UInt64(pool.count))])!)
            }
            let text = String(scalars)
            let encoded = EncodedWord.encodeText(text)
            let decoded = EncodedWord.decodeText(bytes(encoded))
            #expect(decoded.text == text, "\(text.debugDescription) → \(encoded.debugDescription)")
            #expect(decoded.defects.isEmpty)
            for word in encoded.split(whereSeparator: { $0 == " " || $0 == "\t" }) where word.hasPrefix("=?utf-8?") {
                #expect(word.utf8.count <= EncodedWord.maximumLength)
            }
            checked += 1
        }
        #expect(checked == 3000)
    }
}
