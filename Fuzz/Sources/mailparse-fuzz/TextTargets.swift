import MIMECore

/// RFC 2047 unstructured text (`EncodedWord.decodeText`, `HeaderValue.decodedText`) and the
/// writer's `EncodedWord.encodeText`. Properties:
/// 1. Defects lie inside the value; `HeaderValue.decodedText` of an unstructured field is
///    `decodeText` of the unfolded, trimmed value.
/// 2. For the decoded text *t* and for the input read as UTF-8: `encodeText(t)` is ASCII when
///    *t* needed encoding, no encoded word in it is longer than 75 characters (§2), and
///    `decodeText(encodeText(t)) == t`.
enum EncodedWordTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let raw = Array(input)
        let value = HeaderValue.unfold(raw)
        let decoded = EncodedWord.decodeText(value, baseOffset: 40)
        for d in decoded.defects where !(40...(40 + value.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        // decodedText trims what RFC 2047 decoding counts as white space: SP, HT, CR, LF.
        func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        var lead = 0
        while lead < value.count, isBlank(value[lead]) { lead += 1 }
        var trail = value.count
        while trail > lead, isBlank(value[trail - 1]) { trail -= 1 }
        let trimmed = EncodedWord.decodeText(Array(value[lead..<trail])).text
        let viaHeader = HeaderValue.decodedText(name: "Subject", raw: raw).text
        if viaHeader != trimmed { violated("decodedText \(viaHeader.debugDescription) ≠ \(trimmed.debugDescription)", input) }
        roundTrip(decoded.text, input)
        roundTrip(String(decoding: raw, as: UTF8.self), input)
    }

    static func roundTrip(_ text: String, _ input: UnsafeRawBufferPointer) {
        let encoded = EncodedWord.encodeText(text)
        if encoded != text {
            if encoded.utf8.contains(where: { $0 >= 0x80 }) { violated("encodeText left 8-bit bytes: \(encoded.debugDescription)", input) }
            for word in encoded.split(whereSeparator: { $0 == " " || $0 == "\t" }) where word.hasPrefix("=?") && word.utf8.count > EncodedWord.maximumLength {
                violated("encoded word of \(word.utf8.count) characters", input)
            }
        }
        let back = EncodedWord.decodeText(Array(encoded.utf8)).text
        if back != text { violated("\(text.debugDescription) → \(encoded.debugDescription) → \(back.debugDescription)", input) }
    }
}

/// Content-Type and Content-Disposition parameters (RFC 2045 §5.1, RFC 2231). Properties:
/// 1. Defects lie inside the value.
/// 2. Each parameter name is ASCII-lowercase (malformed names such as `a*1*7` keep all but
///    the last section mark, so no check on `*` here).
/// 3. The first occurrence of each parameter, written by `MessageWriter` on a new entity (which
///    quotes, percent-encodes and splits into continuations as needed) and parsed back from the
///    written bytes, has the same value. The same for a filename on Content-Disposition.
enum ParametersTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        var defects: [Defect] = []
        let type = MediaType(parsing: input, defects: &defects)
        let disposition = ContentDisposition(parsing: input, defects: &defects)
        for d in defects where !(0...input.count).contains(d.offset) { violated("defect \(d) outside", input) }
        let parameters = (type?.parameters ?? []) + (disposition?.parameters ?? [])
        for p in parameters where p.name.utf8.contains(where: { (0x41...0x5A).contains($0) }) {
            violated("parameter name \(p.name) not lowercase", input)
        }

        var seen = Set<String>()
        let first = parameters.filter { p in
            !p.name.isEmpty && p.name != "boundary" && p.name != "name" && p.name != "filename"
                && p.name.utf8.allSatisfy { isPlainNameByte($0) } && seen.insert(p.name).inserted
        }
        let filename = disposition?.parameter("filename")
        var entity = Entity(mediaType: MediaType(type: "application", subtype: "x-fuzz", parameters: first), body: .content([]))
        entity.filename = filename
        var writer = MessageWriter(clock: { DateTime(year: 2000, month: 1, day: 1, hour: 0, minute: 0, second: 0, offsetMinutes: 0) },
                                   random: SplitMix(inputHash(input)))
        var bytes: [UInt8] = []
        writer.writeEntity(entity, to: &bytes)
        let message = Message(parsing: bytes)
        let root = message[.root]
        for p in first where root.mediaType.parameter(p.name) != p.value {
            violated("parameter \(p.name)=\(p.value.debugDescription) reads back as "
                + "\(String(describing: root.mediaType.parameter(p.name)).debugDescription) from "
                + String(decoding: bytes, as: UTF8.self).debugDescription, input)
        }
        if let filename, root.filename != filename {
            violated("filename \(filename.debugDescription) reads back as \(String(describing: root.filename).debugDescription)", input)
        }
    }

    /// Name bytes the writer emits unchanged: RFC 2045 token characters other than the RFC 2231
    /// markers `*`, `'` and `%`.
    static func isPlainNameByte(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F && !"()<>@,;:\\\"/[]?=*'%".utf8.contains(b)
    }
}

extension SplitMix: RandomNumberGenerator {}
