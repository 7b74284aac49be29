import MIMECharsets
import MIMECore

/// `FormatFlowed.decode` (RFC 3676). Properties:
/// 1. Nothing but spaces, quote marks and line breaks is added or lost: with those removed,
///    input and output are the same bytes.
/// 2. Text with no flowed, quoted or space-stuffed line comes out unchanged.
/// 3. The output has no more line breaks than the input; defect offsets lie inside it.
enum FlowedTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let (selector, text) = splitSelector(input)
        let decoded = FormatFlowed(delSp: selector & 1 == 1).decode(text, baseOffset: 9)
        for d in decoded.defects where !(9...(9 + text.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        func content(_ bytes: some Sequence<UInt8>) -> [UInt8] {
            bytes.filter { $0 != 0x20 && $0 != UInt8(ascii: ">") && $0 != 13 && $0 != 10 }
        }
        if content(decoded.text) != content(text) { violated("flowed decoding changed the text", input) }
        if decoded.text.count(where: { $0 == 10 }) > text.count(where: { $0 == 10 }) { violated("more lines out than in", input) }
        var plain = true
        for line in text.split(separator: 10, omittingEmptySubsequences: false) {
            var line = line[...]
            if line.last == 13 { line = line.dropLast() }
            if line.first == 0x20 || line.first == UInt8(ascii: ">") || line.last == 0x20 { plain = false; break }
        }
        if plain, !decoded.text.elementsEqual(text) { violated("fixed text changed at \(firstDifference(decoded.text, Array(text)))", input) }
    }
}

/// Charset transcoding to UTF-8, through `BasicTranscoder` (MIMECore's own) and `ICUTranscoder`
/// (MIMECharsets: hand-written fast paths, tables built from ICU, ICU converters). The first
/// byte picks the charset. Properties:
/// 1. The output is valid UTF-8, appended after what the buffer held, at most 3 bytes per
///    input byte (plus a flush); only an unknown charset gives nil.
/// 2. UTF-8 that is valid comes out unchanged; ISO-8859-1 maps byte to code point; ASCII
///    is unchanged in every ASCII-compatible charset of the list.
/// 3. The single-byte fast paths equal ICU's own converter (`transcodeBypassingFastPaths`).
/// 4. Encoded words in the charset decode without trouble through both transcoders.
enum CharsetTarget {
    static let charsets = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-15", "koi8-r",
                           "windows-1251", "iso-8859-2", "iso-8859-7", "tis-620", "shift_jis", "euc-jp",
                           "iso-2022-jp", "gb18030", "gbk", "big5", "euc-kr", "utf-7", "utf-16", "utf-16le",
                           "hz-gb-2312", "UTF8", "Latin1", "x-no-such-charset"]
    static let singleByte: Set<String> = ["windows-1252", "iso-8859-15", "koi8-r", "windows-1251", "iso-8859-2",
                                          "iso-8859-7", "tis-620"]
    static let asciiCompatible: Set<String> = ["utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-15",
                                               "koi8-r", "windows-1251", "iso-8859-2", "gb18030", "gbk", "big5",
                                               "euc-kr", "euc-jp", "UTF8", "Latin1"]

    static func run(_ input: UnsafeRawBufferPointer) {
        let (selector, data) = splitSelector(input)
        let charset = charsets[Int(selector) % charsets.count]
        let marker: [UInt8] = [0xE2, 0x9C, 0x93]
        var icuOut = marker
        let icu = ICUTranscoder().transcodeReporting(data, from: charset, into: &icuOut)
        var basicOut = marker
        let basic = BasicTranscoder().transcode(data, from: charset, into: &basicOut)
        for (name, output, known) in [("ICU", icuOut, icu != nil), ("basic", basicOut, basic != nil)] {
            if !output.starts(with: marker) { violated("\(name) \(charset): output replaced the buffer", input) }
            let text = Array(output.dropFirst(marker.count))
            if !known && !text.isEmpty { violated("\(name) \(charset): unknown charset but output", input) }
            if !isValidUTF8(text) { violated("\(name) \(charset): output is not UTF-8", input) }
            if text.count > 3 * data.count + 8 { violated("\(name) \(charset): \(text.count) bytes from \(data.count)", input) }
            guard known else { continue }
            let isASCII = data.allSatisfy { $0 < 0x80 }
            let lower = charset.lowercased()
            if (lower == "utf-8" || lower == "utf8"), isValidUTF8(Array(data)), !text.elementsEqual(data) {
                violated("\(name): valid UTF-8 changed", input)
            }
            if lower == "iso-8859-1" || lower == "latin1" {
                var latin1: [UInt8] = []
                TextBytes.appendLatin1(data, into: &latin1)
                if text != latin1 { violated("\(name) \(charset) differs from the Latin-1 mapping", input) }
            }
            if isASCII, asciiCompatible.contains(charset), !text.elementsEqual(data) {
                violated("\(name) \(charset): ASCII changed at \(firstDifference(text, Array(data)))", input)
            }
        }
        if icu == nil, charset != "x-no-such-charset" { violated("ICU does not know \(charset)", input) }
        if singleByte.contains(charset) {
            var reference: [UInt8] = []
            _ = ICUTranscoder().transcodeBypassingFastPaths(data, from: charset, into: &reference)
            if Array(icuOut.dropFirst(marker.count)) != reference {
                violated("\(charset): fast path differs from ICU at \(firstDifference(Array(icuOut.dropFirst(marker.count)), reference))", input)
            }
        }
        // The same bytes as a B-encoded word in this charset, and as raw header text.
        var word = Array("=?\(charset)?B?".utf8)
        word += Base64Encoder.encode(data, lineLength: 1 << 30)
        word += Array("?= tail".utf8)
        for transcoder in [ICUTranscoder() as any CharsetTranscoder, BasicTranscoder()] {
            let decoded = EncodedWord.decodeText(word, transcoder: transcoder)
            // Compared as bytes: U+0600–U+0605 are grapheme prefixes, so as Characters the
            // space after such a character is not a suffix of its own.
            if !decoded.text.utf8.reversed().starts(with: " tail".utf8.reversed()) { violated("\(charset): encoded word swallowed the text after it", input) }
            _ = EncodedWord.decodeText(Array(data), transcoder: transcoder)
        }
    }
}
