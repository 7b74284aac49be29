import MIMECore

/// Every header grammar on the input as a field value (and its unfolded form): no crash, no
/// defect offset outside the value, and results bounded by the input size (no blow-up).
enum HeadersTarget {
    static let base = 1_000

    static func run(_ input: UnsafeRawBufferPointer) {
        // The structural grammars read the exact-size buffer itself (ASan sees over-reads).
        var structural: [Defect] = []
        _ = MediaType(parsing: input, defects: &structural)
        _ = ContentDisposition(parsing: input, defects: &structural)
        for d in structural where !(0...input.count).contains(d.offset) {
            violated("structural defect \(d) outside the value", input)
        }
        let raw = Array(input)
        let unfolded = HeaderValue.unfold(raw)
        if unfolded.count > raw.count { violated("unfold grew the value", input) }
        for value in [raw, unfolded] {
            var defects: [Defect] = []
            let addresses = Address.parseList(value, baseOffset: base, defects: &defects)
            if addresses.count > value.count + 1 { violated("\(addresses.count) addresses from \(value.count) bytes", input) }
            _ = DateTime.parse(value, baseOffset: base, defects: &defects)
            let ids = MessageID.parseList(value, baseOffset: base, defects: &defects)
            if ids.count > value.count + 1 { violated("\(ids.count) message ids from \(value.count) bytes", input) }
            _ = Received.parse(value, baseOffset: base, defects: &defects)
            _ = AuthenticationResults.parse(value, baseOffset: base, defects: &defects)
            _ = MediaType(parsing: value)
            _ = ContentDisposition(parsing: value)
            let text = EncodedWord.decodeText(value, baseOffset: base)
            defects += text.defects
            for name in ["Subject", "From", "Content-Type", "X-Anything"] {
                defects += HeaderValue.decodedText(name: name, raw: value, baseOffset: base).defects
            }
            if let word = String(validating: value, as: UTF8.self) { _ = EncodedWord(word) }
            for d in defects where !(base...(base + raw.count)).contains(d.offset) {
                violated("defect \(d) outside \(base)...\(base + raw.count)", input)
            }
        }
    }
}
