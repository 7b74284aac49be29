/// A minimal JSON writer for the CLI's stable output (CLI.md). Strings are written as UTF-8;
/// bytes that are not valid UTF-8 become U+FFFD. Keys come out in the order written.
struct JSONWriter {
    var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// A key inside an object; the next call writes its value.
    mutating func key(_ name: String) {
        value()
        string(name, isKey: true)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ s: String?) {
        guard let s else { return null() }
        value()
        string(s, isKey: false)
    }

    mutating func number(_ n: Int) { value(); bytes.append(contentsOf: String(n).utf8) }
    mutating func bool(_ b: Bool) { value(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    mutating func null() { value(); bytes.append(contentsOf: "null".utf8) }

    /// Writes a comma before a value when one is due.
    private mutating func value() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func string(_ s: String, isKey: Bool) {
        bytes.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                let hex = Array("0123456789abcdef".utf8)
                bytes += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]]
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Text from bytes that may not be UTF-8 (CLI.md: invalid sequences become U+FFFD).
    static func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
