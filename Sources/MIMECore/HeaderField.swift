/// A header field as it stands in the source: raw bytes from the name through the line break
/// that ends it, folding kept (RFC 5322 §2.2). Nothing is decoded until asked.
public struct HeaderField: Sendable, Hashable {
    /// The raw field: name, colon, value with its folding, final line break.
    public let raw: ByteView
    /// The absolute offset of the colon; the name is before it, the value after it.
    public let colon: Int

    public init(raw: ByteView, colon: Int) {
        self.raw = raw
        self.colon = colon
    }

    /// The name as written, without white space before the colon.
    public var nameBytes: [UInt8] {
        var name = raw[raw.startIndex..<colon].bytes
        while let last = name.last, last == 0x20 || last == 0x09 { name.removeLast() }
        return name
    }

    /// The name as written.
    public var name: String { String(decoding: nameBytes, as: UTF8.self) }

    /// Whether the field is named `name`, compared case-insensitively (RFC 5322 §1.2.2).
    /// Compares in place: no copy of either name (`Message.field(_:)` and the builder call it per field).
    public func hasName(_ name: String) -> Bool {
        raw.withUnsafeBytes { bytes in Self.name(of: bytes, colon: colon - raw.startIndex, equals: name) }
    }

    /// Whether the field in `bytes` (its colon at `colon`) is named `name`, compared case-insensitively,
    /// ignoring white space before the colon.
    static func name(of bytes: UnsafeRawBufferPointer, colon: Int, equals name: String) -> Bool {
        var n = colon
        while n > 0, bytes[n - 1] == 0x20 || bytes[n - 1] == 0x09 { n -= 1 }
        var i = 0
        for b in name.utf8 {
            guard i < n, lower(bytes[i]) == lower(b) else { return false }
            i += 1
        }
        return i == n
    }

    /// The raw value: everything after the colon, folding kept, without the final line break.
    public var rawValue: [UInt8] {
        var value = raw[(colon + 1)..<raw.endIndex].bytes
        if value.last == 0x0A { value.removeLast() }
        if value.last == 0x0D { value.removeLast() }
        return value
    }

    /// The raw value as a view of the message's storage (no copy): what `rawValue` copies out.
    public var rawValueView: ByteView {
        var end = raw.endIndex
        if end > colon + 1, raw[end - 1] == 0x0A { end -= 1 }
        if end > colon + 1, raw[end - 1] == 0x0D { end -= 1 }
        return raw[(colon + 1)..<end]
    }

    /// The value unfolded (RFC 5322 §2.2.3: line breaks before white space removed) with
    /// leading and trailing white space trimmed. No RFC 2047 decoding.
    public var unfoldedValue: [UInt8] {
        var out: [UInt8] = []
        for b in rawValue where b != 0x0D && b != 0x0A { out.append(b) }
        // One removal for all leading blanks: one at a time would be quadratic in their number.
        let lead = out.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? out.count
        out.removeFirst(lead)
        while let l = out.last, l == 0x20 || l == 0x09 { out.removeLast() }
        return out
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
}
