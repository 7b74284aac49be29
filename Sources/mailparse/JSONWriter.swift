/// A minimal JSON writer for the CLI's stable output (CLI.md). Strings are written as UTF-8;
/// bytes that are not valid UTF-8 become U+FFFD. Keys come out in the order written.
///
/// With `streaming`, whatever is written goes on to `Output` in pieces of about 64 KiB, so a
/// document holding a huge string (a 32 MB header field) is never held whole in memory; without
/// it, the document accumulates in `bytes` for the caller.
struct JSONWriter {
    var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]
    /// Whether to pass the output on to `Output` as it grows.
    let streaming: Bool

    /// The flush threshold when streaming.
    private static let piece = 1 << 16

    init(streaming: Bool = false) {
        self.streaming = streaming
    }

    mutating func beginObject() { value(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast(); flushIfLarge() }
    mutating func beginArray() { value(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast(); flushIfLarge() }

    /// A key inside an object; the next call writes its value.
    mutating func key(_ name: String) {
        value()
        quoted(name.utf8)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    mutating func string(_ s: String?) {
        guard let s else { return null() }
        value()
        quoted(s.utf8)
    }

    /// A string from bytes that may not be UTF-8 (CLI.md: invalid sequences become U+FFFD),
    /// converted a piece at a time rather than into one `String`.
    mutating func string(utf8Repairing raw: UnsafeRawBufferPointer) {
        value()
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        while start < raw.count {
            var end = min(raw.count, start + Self.piece)
            // Cut before a lead byte, never inside a sequence (at most 3 continuation bytes back).
            var back = 0
            while end < raw.count, back < 3, raw[end] & 0xC0 == 0x80 { end -= 1; back += 1 }
            if end <= start { end = min(raw.count, start + Self.piece) }
            escape(String(decoding: UnsafeRawBufferPointer(rebasing: raw[start..<end]), as: UTF8.self).utf8)
            start = end
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func number(_ n: Int) { value(); bytes.append(contentsOf: String(n).utf8) }
    mutating func bool(_ b: Bool) { value(); bytes.append(contentsOf: (b ? "true" : "false").utf8) }
    mutating func null() { value(); bytes.append(contentsOf: "null".utf8) }

    /// Passes on what is left (streaming); call once at the end.
    mutating func finish() {
        if streaming { flush() }
    }

    /// Writes a comma before a value when one is due.
    private mutating func value() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func quoted(_ utf8: some Sequence<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        escape(utf8)
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func escape(_ utf8: some Sequence<UInt8>) {
        for b in utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                bytes += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]]
            default: bytes.append(b)
            }
            if streaming, bytes.count >= Self.piece { flush() }
        }
    }

    private mutating func flushIfLarge() {
        if streaming, bytes.count >= Self.piece { flush() }
    }

    private mutating func flush() {
        Output.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Text from bytes that may not be UTF-8 (CLI.md: invalid sequences become U+FFFD).
    static func text(_ bytes: some Collection<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}
