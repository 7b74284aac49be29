extension Message {
    /// Replaces the value of `fields[index]`, keeping its name as written and its line-break
    /// style. The new field is folded at 78 columns where white space allows (RFC 5322 §2.2.3,
    /// §2.1.1); every other byte of the message is untouched.
    ///
    /// `value` is written as given: it must already be valid header text (RFC 2047-encode
    /// non-ASCII first).
    public mutating func replaceFieldValue(at index: Int, with value: [UInt8]) {
        let old = fields[index]
        let lineBreak: [UInt8] = old.raw.bytes.suffix(2) == [0x0D, 0x0A] ? [0x0D, 0x0A] : [0x0A]
        var raw = old.nameBytes + Array(": ".utf8)
        raw += HeaderFolding.fold(value, firstLineUsed: raw.count, lineBreak: lineBreak)
        raw += lineBreak
        let storage = ByteStorage(raw)
        fields[index] = HeaderField(raw: ByteView(storage), colon: old.nameBytes.count)
    }
}

/// Folding of header values (RFC 5322 §2.2.3): break before white space so lines stay within
/// 78 characters where possible. A run without white space is never broken (that would change
/// it), so a line can exceed 78 (but the writer never produces one over 998 from this alone).
enum HeaderFolding {
    static func fold(_ value: [UInt8], firstLineUsed: Int, lineBreak: [UInt8], width: Int = 78) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 8)
        var column = firstLineUsed
        var i = 0
        while i < value.count {
            // The next word: leading white space plus the non-white run after it.
            var j = i
            while j < value.count, value[j] == 0x20 || value[j] == 0x09 { j += 1 }
            while j < value.count, value[j] != 0x20, value[j] != 0x09 { j += 1 }
            let word = value[i..<j]
            if column + word.count > width, column > 1, let first = word.first, first == 0x20 || first == 0x09 {
                out += lineBreak
                column = 0
            }
            out += word
            column += word.count
            i = j
        }
        return out
    }
}

extension Message {
    /// The line break a part's fields use (CRLF unless its first field ends in a bare LF).
    func lineBreak(of id: Part.ID) -> [UInt8] {
        let range = parts[id.rawValue].fieldRange
        let sample = range.isEmpty ? fields.first : fields[range.lowerBound]
        guard let raw = sample?.raw.bytes, raw.last == 0x0A else { return [13, 10] }
        return raw.count >= 2 && raw[raw.count - 2] == 0x0D ? [13, 10] : [10]
    }

    /// Sets the field `name` of part `id`: the first field of that name gets `value`, later
    /// ones are removed; with none, the field is added at the end of the header. The value is
    /// encoded and folded by its kind; every other field keeps its bytes.
    ///
    /// Mirrored by `BuildingDocExampleTests.editHeader`:
    ///
    /// ```swift
    /// var message = Message(parsing: Array("From: a@example.org\r\nSubject: Draft\r\n\r\nBody\r\n".utf8))
    /// message.setField("Subject", .text("Überarbeitet"))
    /// message.serialized()   // "From: a@example.org\r\nSubject: =?utf-8?q?=C3=9Cberarbeitet?=\r\n\r\nBody\r\n"
    /// ```
    public mutating func setField(_ name: String, _ value: FieldValue, in id: Part.ID = .root) {
        let range = parts[id.rawValue].fieldRange
        guard let first = range.first(where: { fields[$0].hasName(name) }) else {
            addField(name, value, in: id)
            return
        }
        let old = fields[first]
        let raw = FieldFolding.field(old.name, value, lineBreak: lineBreak(of: id))
        fields[first] = HeaderField(raw: ByteView(ByteStorage(raw)), colon: old.nameBytes.count)
        for index in range.reversed() where index > first && fields[index].hasName(name) {
            removeField(at: index, in: id)
        }
        reinterpretIfStructural(name)
    }

    /// Adds a field `name: value` at the end of part `id`'s header.
    public mutating func addField(_ name: String, _ value: FieldValue, in id: Part.ID = .root) {
        let raw = FieldFolding.field(name, value, lineBreak: lineBreak(of: id))
        let index = parts[id.rawValue].fieldRange.upperBound
        fields.insert(HeaderField(raw: ByteView(ByteStorage(raw)), colon: name.utf8.count), at: index)
        for p in parts.indices {
            let range = parts[p].fieldRange
            if p == id.rawValue {
                parts[p].fieldRange = range.lowerBound..<(range.upperBound + 1)
            } else if p > id.rawValue, range.lowerBound >= index {
                parts[p].fieldRange = (range.lowerBound + 1)..<(range.upperBound + 1)
            }
        }
        reinterpretIfStructural(name)
    }

    /// Removes every field named `name` from part `id`'s header.
    public mutating func removeFields(named name: String, in id: Part.ID = .root) {
        for index in parts[id.rawValue].fieldRange.reversed() where fields[index].hasName(name) {
            removeField(at: index, in: id)
        }
        reinterpretIfStructural(name)
    }

    private mutating func removeField(at index: Int, in id: Part.ID) {
        fields.remove(at: index)
        for p in parts.indices {
            let range = parts[p].fieldRange
            if p == id.rawValue {
                parts[p].fieldRange = range.lowerBound..<(range.upperBound - 1)
            } else if p > id.rawValue, range.lowerBound > index {
                parts[p].fieldRange = (range.lowerBound - 1)..<(range.upperBound - 1)
            }
        }
    }

    /// Content-* fields decide the structure: after changing one, read the message again from
    /// its own output (which keeps every byte) so `parts` describes what will be written.
    private mutating func reinterpretIfStructural(_ name: String) {
        let lower = name.lowercased()
        if lower.hasPrefix("content-") || lower == "mime-version" { self = Message(parsing: serialized()) }
    }
}
