import MIMECore

/// `Address.parseList` (RFC 5322 §3.4). Properties:
/// 1. At most one address per input byte (plus one); defects inside the value.
/// 2. Writing the parsed list back (`Address.headerText`, what `MessageWriter` uses) and
///    parsing that again gives the same addresses (when every domain and local part has a
///    written form): the writer quotes or encodes whatever the
///    lenient reader accepted, and the reader reads the writer's output exactly.
/// 3. The written form parses without warnings of a kind the input did not have.
enum AddressTarget {
    static let base = 100

    static func run(_ input: UnsafeRawBufferPointer) {
        let value = HeaderValue.unfold(Array(input))
        var defects: [Defect] = []
        let addresses = Address.parseList(value, baseOffset: base, defects: &defects)
        if addresses.count > value.count + 1 { violated("\(addresses.count) addresses from \(value.count) bytes", input) }
        for d in defects where !(base...(base + value.count)).contains(d.offset) {
            violated("defect \(d) outside the value", input)
        }
        // A domain the lenient reader kept with specials in it (`a@"b c"`, flagged
        // `addressInvalidDomain`) has no written form: the writer never quotes domains.
        // Nor has a local part with control characters (a CR or LF inside a quoted string is
        // line folding to a reader, RFC 5322 §3.2.4).
        guard addresses.flatMap(\.mailboxes).allSatisfy({
            isWritableDomain($0.domain) && !$0.localPart.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        }) else { return }
        let written = addresses.map(\.headerText).joined(separator: ", ")
        var again: [Defect] = []
        let reread = Address.parseList(Array(written.utf8), defects: &again)
        if reread != addresses {
            let at = firstDifference(reread, addresses)
            violated("address \(at) changes when written and read again: \(written.debugDescription) → "
                + "\(at < reread.count ? String(describing: reread[at]) : "nothing") instead of "
                + "\(at < addresses.count ? String(describing: addresses[at]) : "nothing")", input)
        }
        // The written form may be as incomplete as what was read (a mailbox without a domain
        // stays one), but it must not add warnings of another kind.
        // Invalid 8-bit bytes come back as U+FFFD (three bytes each), so the 64-octet advisory
        // limit on local parts may newly apply.
        let known = Set(defects.map(\.kind) + [.addressLocalPartTooLong])
        if let bad = again.first(where: { $0.severity >= .warning && !known.contains($0.kind) }) {
            violated("the written list \(written.debugDescription) reads with \(bad)", input)
        }
    }
}

/// A domain `Address.headerText` can write back: empty, dot-atom text (8-bit allowed, RFC 6532)
/// or a domain literal.
func isWritableDomain(_ domain: String) -> Bool {
    let bytes = Array(domain.utf8)
    if bytes.first == UInt8(ascii: "["), bytes.last == UInt8(ascii: "]") {
        return !bytes.dropFirst().dropLast().contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "\\") || $0 < 0x21 }
    }
    return bytes.allSatisfy { $0 >= 0x80 || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
        || (0x61...0x7A).contains($0) || "!#$%&'*+-/=?^_`{|}~.".utf8.contains($0) }
}

/// `MessageID.parseList` (RFC 5322 §3.6.4). Properties: bounded count, defects inside the
/// value, ids are never empty and hold no whitespace or `<` `>`, and the ids written as
/// `<id> <id>` read back to the same list.
enum MessageIDTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let value = HeaderValue.unfold(Array(input))
        var defects: [Defect] = []
        let ids = MessageID.parseList(value, baseOffset: 7, defects: &defects)
        if ids.count > value.count + 1 { violated("\(ids.count) ids from \(value.count) bytes", input) }
        for d in defects where !(7...(7 + value.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        for id in ids {
            if id.value.isEmpty { violated("an empty id", input) }
            if id.value.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
                violated("id \(id.value.debugDescription) holds whitespace", input)
            }
        }
        // Only ids without brackets, quotes or comment characters can be written back plainly.
        let plain = ids.allSatisfy { !$0.value.utf8.contains(where: { "<>()\"\\".utf8.contains($0) }) }
        guard plain else { return }
        var again: [Defect] = []
        let reread = MessageID.parseList(Array(ids.map(\.description).joined(separator: " ").utf8), defects: &again)
        if reread != ids { violated("ids change when written and read again: \(ids) → \(reread)", input) }
    }
}

/// `DateTime.parse` (RFC 5322 §3.3, §4.3). Properties: every field of a parsed date is in its
/// range (the parser validates; nothing downstream has to), and `headerText` reads back to the
/// same date.
enum DateTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let value = HeaderValue.unfold(Array(input))
        var defects: [Defect] = []
        guard let date = DateTime.parse(value, baseOffset: 3, defects: &defects) else { return }
        for d in defects where !(3...(3 + value.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        check(date, input)
        var again: [Defect] = []
        let text = date.headerText
        guard let reread = DateTime.parse(Array(text.utf8), defects: &again) else {
            violated("\(text) does not parse", input)
        }
        if reread != date { violated("\(date) → \(text.debugDescription) → \(reread)", input) }
        if let bad = again.first(where: { $0.severity >= .warning }) { violated("\(text) reads with \(bad)", input) }
    }

    /// The ranges a parsed `DateTime` promises.
    static func check(_ date: DateTime, _ input: UnsafeRawBufferPointer) {
        let ok = (1...12).contains(date.month) && (1...31).contains(date.day) && (0...23).contains(date.hour)
            && (0...59).contains(date.minute) && (0...60).contains(date.second)
            && (-(99 * 60 + 59)...(99 * 60 + 59)).contains(date.offsetMinutes) && (0...9999).contains(date.year)
        if !ok { violated("date out of range: \(date)", input) }
        if !date.isZoneKnown && date.offsetMinutes != 0 { violated("unknown zone with an offset: \(date)", input) }
    }
}
