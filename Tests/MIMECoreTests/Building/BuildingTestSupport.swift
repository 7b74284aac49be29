import MIMECore

/// A fixed clock for deterministic output.
let fixedDate = DateTime(year: 2026, month: 11, day: 29, hour: 12, minute: 40, second: 28)

func testWriter(seed: UInt64 = 1, target: TransportTarget = .sevenBitOnly) -> MessageWriter {
    MessageWriter(target: target, clock: { fixedDate }, random: SeededRandom(seed: seed))
}

/// The part tree as `depth:type/subtype` lines, depth-first.
func outline(_ message: Message) -> [String] {
    message.parts.map { "\($0.depth):\($0.mediaType.type)/\($0.mediaType.subtype)" }
}

/// The decoded text of the first field named `name`.
func decodedField(_ message: Message, _ name: String, in id: Part.ID = .root) -> String? {
    guard let field = message.field(name, in: id) else { return nil }
    return HeaderValue.decodedText(name: name, raw: field.rawValue).text
}

/// The addresses of the first field named `name`.
func addresses(_ message: Message, _ name: String) -> [Address] {
    guard let field = message.field(name) else { return [] }
    var defects: [Defect] = []
    return HeaderValue.addresses(field.rawValue, defects: &defects)
}

/// Every physical line's length in octets, without its line break.
func lineLengths(_ bytes: [UInt8]) -> [Int] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { $0.last == 0x0D ? $0.count - 1 : $0.count }
}
