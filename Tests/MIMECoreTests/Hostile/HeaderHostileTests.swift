import MIMECore
import Testing

/// Quadratic traps in the header grammars (DESIGN.md §3): each must finish, with results and
/// defects bounded by the input.
struct HeaderHostileTests {
    /// 80,000 addresses in one To: field: the message round-trips and all 80,000 are returned.
    @Test func eightyThousandAddresses() {
        let input = HostileInput.bytes("To: ") + HostileInput.addressList(80_000) + HostileInput.bytes("\n\nbody\n")
        let message = HostileInput.parseRoundTrip(input)
        guard let to = message.field("to") else { Issue.record("no To field"); return }
        var defects: [Defect] = []
        let list = HeaderValue.addresses(to.rawValue, defects: &defects)
        #expect(list.count == 80_000)
        #expect(defects.isEmpty)
        if case .mailbox(let last) = list.last {
            #expect(last.localPart == "u79999")
        } else {
            Issue.record("the last address is not a mailbox")
        }
    }

    /// 99,999 colons in From: no crash; results bounded; the message round-trips.
    @Test func ninetyNineThousandColons() {
        let colons = [UInt8](repeating: UInt8(ascii: ":"), count: 99_999)
        var defects: [Defect] = []
        let list = Address.parseList(colons, defects: &defects)
        #expect(list.count <= colons.count)
        #expect(!defects.isEmpty, "a value of colons is malformed")
        let mixed = (0..<33_333).flatMap { _ in HostileInput.bytes("a:") } + HostileInput.bytes("b@c;")
        _ = Address.parseList(mixed, defects: &defects)
        let input = HostileInput.bytes("From: ") + colons + HostileInput.bytes("\n\nbody\n")
        HostileInput.parseRoundTrip(input)
    }

    /// Unterminated quotes, comments, angle brackets, domain literals and encoded words, each run
    /// to a large size: every grammar returns, with a defect where the grammar is structured.
    @Test(arguments: [
        "\"", "(", "((((", "<", "<<<<", "[", "=?", "=?utf-8?", "=?utf-8?q?", "=?utf-8?b?", "\\",
        "a@", "@", ",", ";", ":", "a <b@c", "x (y \"z", "=?utf-8?q?=C3",
    ])
    func unterminatedTokens(seed: String) {
        let unit = HostileInput.bytes(seed)
        let value = Array((0..<max(1, 20_000 / unit.count)).map { _ in unit }.joined())
        var defects: [Defect] = []
        let addresses = Address.parseList(value, defects: &defects)
        #expect(addresses.count <= value.count)
        _ = DateTime.parse(value, defects: &defects)
        let ids = MessageID.parseList(value, defects: &defects)
        #expect(ids.count <= value.count)
        _ = Received.parse(value, defects: &defects)
        _ = MediaType(parsing: HostileInput.bytes("text/plain; a=") + value)
        _ = ContentDisposition(parsing: HostileInput.bytes("attachment; filename=") + value)
        let text = EncodedWord.decodeText(value)
        #expect(text.text.unicodeScalars.count <= value.count)
        for d in defects { #expect((0...value.count).contains(d.offset)) }
    }

    /// Deeply nested comments (RFC 5322 §3.2.2 allows nesting): closed and unclosed.
    @Test(arguments: [true, false])
    func nestedComments(closed: Bool) {
        let depth = 50_000
        var value = HostileInput.bytes("a@b ")
        value += [UInt8](repeating: UInt8(ascii: "("), count: depth)
        if closed { value += [UInt8](repeating: UInt8(ascii: ")"), count: depth) }
        var defects: [Defect] = []
        let list = Address.parseList(value, defects: &defects)
        #expect(list.count <= 1)
        _ = DateTime.parse(HostileInput.bytes("Mon, 1 Jan 2024 00:00 +0000 ") + value, defects: &defects)
        _ = MessageID.parseList(value, defects: &defects)
    }
}
