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
