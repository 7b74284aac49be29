@testable import MIMEMailbox
import Testing

@Suite struct MboxFromLineTests {
    static func parse(_ line: String) -> (sender: String, date: String)? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBytes { raw in
            MboxFromLine.parse(raw).map {
                (Array(bytes[$0.sender]).text, Array(bytes[$0.date]).text)
            }
        }
    }

    @Test(arguments: [
        ("From 1545668983435175434@xxx Fri Sep 16 22:26:51 +0000 2016", "1545668983435175434@xxx", "Fri Sep 16 22:26:51 +0000 2016"),
        ("From - Mon Jan 01 00:00:00 1996", "-", "Mon Jan 01 00:00:00 1996"),
        ("From - ", "-", ""),
        ("From -", "-", ""),
        ("From MAILER-DAEMON Fri Jul  8 12:08:34 2011", "MAILER-DAEMON", "Fri Jul  8 12:08:34 2011"),
        ("From user@host  Wed Nov 13 10:58:27 2002", "user@host", "Wed Nov 13 10:58:27 2002"),
        ("From user@host Wed Nov 13 10:58:27 PST 2002", "user@host", "Wed Nov 13 10:58:27 PST 2002"),
        ("From user@host Wed Nov 13 10:58:27 2002 -0800", "user@host", "Wed Nov 13 10:58:27 2002 -0800"),
        ("From user@host Wed Nov 13 10:58:27 MET DST 2002", "user@host", "Wed Nov 13 10:58:27 MET DST 2002"),
        ("From user@host Wed Nov 13 10:58 2002", "user@host", "Wed Nov 13 10:58 2002"),
        ("From user Wed, 13 Nov 2002 10:58:27 +0100", "user", "Wed, 13 Nov 2002 10:58:27 +0100"),
        ("From \"john doe\"@example.com Thu Jan  1 00:00:00 1970", "\"john doe\"@example.com", "Thu Jan  1 00:00:00 1970"),
        ("From uucp Thu Jan  1 00:00:00 1970 remote from host", "uucp", "Thu Jan  1 00:00:00 1970 remote from host"),
        ("From 1844347792267117879@xxx", "1844347792267117879@xxx", ""),
        ("From MAILER-DAEMON", "MAILER-DAEMON", ""),
    ])
    func valid(line: String, sender: String, date: String) {
        let parsed = Self.parse(line)
        #expect(parsed?.sender == sender)
        #expect(parsed?.date == date)
    }

    @Test(arguments: [
        "From Russia with love",
        "From ",
        "From",
        "From: someone@example.com",
        "from user@host Wed Nov 13 10:58:27 2002",
        "From here to eternity",
        "From user Wed Nov 13 2002",              // no time
        "From user Wed Nov 13 10:58:27",          // no year
        "From user Wed Nov 32 10:58:27 2002",     // no such day
        "From user Wed Nov 13 25:58:27 2002",     // no such hour
        "From user Wed Nov 13 10:58:27 2002 and then some words",
        "From Russia",
        ">From user@host Wed Nov 13 10:58:27 2002",
    ])
    func invalid(line: String) {
        #expect(Self.parse(line) == nil)
    }
}

/// Totality over random lines from a small, dangerous alphabet: parsing and date arithmetic
/// never trap, and a parsed line's ranges lie inside it.
@Test func fromLineAndDateAreTotal() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
    let alphabet = Array("From 0123456789:+- @MonJanFriSepDST\t\r>".utf8)
    var valid = 0
    for _ in 0..<20_000 {
        var line = Array("From ".utf8)
        for _ in 0..<(next() % 40) { line.append(alphabet[next() % alphabet.count]) }
        let parsed = line.withUnsafeBytes { MboxFromLine.parse($0) }
        if let parsed {
            valid += 1
            #expect(parsed.sender.upperBound <= line.count && parsed.date.upperBound <= line.count)
            _ = MboxEnvelope(sender: Array(line[parsed.sender]), date: Array(line[parsed.date])).time
        }
        _ = MboxEnvelope(sender: [], date: Array(line.dropFirst(5))).time
    }
    #expect(valid > 0)
}
