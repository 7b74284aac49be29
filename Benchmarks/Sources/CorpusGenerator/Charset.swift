/// The charsets the generator writes text in, and how it gets their bytes.
///
/// The library must transcode all of these to UTF-8 (DESIGN.md, charsets), so the corpus carries real bytes in
/// each: Latin-1 and windows-1252 from Western European words (windows-1252 adds its 0x80–0x9F punctuation),
/// KOI8-R from Russian words, ISO-2022-JP as JIS X 0208 pairs between escape sequences (RFC 1468).
enum Charset: String, CaseIterable {
    case usASCII = "us-ascii"
    case utf8 = "utf-8"
    case iso88591 = "iso-8859-1"
    case windows1252 = "windows-1252"
    case koi8r = "koi8-r"
    case iso2022jp = "iso-2022-jp"

    /// `text` in this charset; characters it cannot represent become `?`. ISO-2022-JP text is generated
    /// directly as bytes (see `japanese`), so here it only passes ASCII through.
    func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .usASCII, .iso2022jp:
            return text.unicodeScalars.map { $0.value < 0x80 ? UInt8($0.value) : 0x3F }
        case .iso88591:
            return text.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : 0x3F }
        case .windows1252:
            return text.unicodeScalars.map { scalar in
                if let byte = Charset.windows1252Extras[scalar.value] { return byte }
                return scalar.value < 0x100 && !(0x80..<0xA0).contains(scalar.value) ? UInt8(scalar.value) : 0x3F
            }
        case .koi8r:
            return text.unicodeScalars.map { scalar in
                if scalar.value < 0x80 { return UInt8(scalar.value) }
                if let byte = Charset.koi8rTable[scalar.value] { return byte }
                return 0x3F
            }
        }
    }

    /// The 0x80–0x9F characters of windows-1252 that mail actually uses.
    static let windows1252Extras: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96,
        0x2014: 0x97, 0x2026: 0x85,
    ]

    /// KOI8-R (RFC 1489): 0xC0–0xDF are the lowercase letters in this order, 0xE0–0xFF the same in uppercase.
    static let koi8rTable: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0451: 0xA3, 0x0401: 0xB3]
        for (offset, scalar) in "юабцдефгхийклмнопярстужвьызшэщчъ".unicodeScalars.enumerated() {
            table[scalar.value] = UInt8(0xC0 + offset)
            table[scalar.value - 0x20] = UInt8(0xE0 + offset)  // А–Я are U+0410–U+042F
        }
        return table
    }()

    /// `count` JIS X 0208 characters as ISO-2022-JP: hiragana (row 4) and level-1 kanji (rows 16–46), all
    /// assigned code points, between `ESC $ B` and `ESC ( B`.
    static func japanese(_ count: Int, _ rng: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = [0x1B, 0x24, 0x42]
        for _ in 0..<count {
            if rng.chance(0.6) {
                out += [0x24, UInt8(0x21 + rng.below(0x53))]
            } else {
                out += [UInt8(0x30 + rng.below(0x1F)), UInt8(0x21 + rng.below(0x5E))]
            }
        }
        out += [0x1B, 0x28, 0x42]
        return out
    }
}
