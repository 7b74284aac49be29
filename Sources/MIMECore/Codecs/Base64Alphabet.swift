/// The base64 alphabet of RFC 4648 §4 (Table 1), which RFC 2045 §6.8 uses for MIME bodies.
enum Base64Alphabet {
    /// Class of a byte in `decodingTable` for SP, HT, CR and LF.
    static let whiteSpace: UInt8 = 0x40
    /// Class of `=` in `decodingTable`.
    static let pad: UInt8 = 0x41
    /// Class of every other byte outside the alphabet.
    static let invalid: UInt8 = 0xFF

    /// The 64 characters in value order.
    static let encodingTable: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Maps each byte to its 6-bit value, or to `whiteSpace`, `pad` or `invalid`.
    static let decodingTable: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (value, character) in encodingTable.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        for space in [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n")] {
            table[Int(space)] = whiteSpace
        }
        table[Int(UInt8(ascii: "="))] = pad
        return table
    }()
}

extension Base64Alphabet {
    /// `decodingTable` values pre-shifted into place for each position of a quantum, with the
    /// quantum's 24 bits at the top of a 64-bit word (bits 40–63), so a quantum is four loads
    /// and three ORs; every non-alphabet byte sets bits 0–7 and 24–31 instead, so one test tells
    /// whether the quantum needs the slow path. 8 KiB, stays in L1.
    static let shiftedTables: [UInt64] = {
        var tables = [UInt64](repeating: 0, count: 4 * 256)
        for position in 0..<4 {
            for byte in 0..<256 {
                let value = decodingTable[byte]
                tables[position * 256 + byte] = value < 64 ? UInt64(value) << (58 - 6 * UInt64(position)) : 0xFF00_00FF
            }
        }
        return tables
    }()
}
