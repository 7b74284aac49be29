@testable import MIMECore
import Testing

/// Boundary look-alikes and unterminated structure: the real structure is found, nothing else,
/// and every byte round-trips.
struct BoundaryHostileTests {
    /// Every body line looks like a delimiter of the boundary but is not one (RFC 2046 §5.1.1:
    /// only transport padding may follow), in both line endings.
    @Test(arguments: ["\n", "\r\n"])
    func lookalikeOnEveryLine(eol: String) {
        let boundary = String(repeating: "q", count: 69) + "Z"
        let lookalikes = [
            "--" + boundary.dropLast(),                 // a prefix
            "--" + boundary + "X",                      // a longer boundary
            "--" + boundary.dropLast() + "z",           // one byte differs (case)
            "-" + boundary,                             // one dash
            "--" + boundary + " x",                     // padding then text
            " --" + boundary,                           // indented
            "--" + boundary.prefix(10),
            "--",
        ]
        var text = "Content-Type: multipart/mixed; boundary=\"\(boundary)\"\(eol)\(eol)"
        text += "--\(boundary)\(eol)\(eol)"
        for i in 0..<20_000 { text += lookalikes[i % lookalikes.count] + eol }
        text += "--\(boundary)\(eol)Content-Type: text/plain\(eol)\(eol)second\(eol)--\(boundary)--\(eol)"
        let input = HostileInput.bytes(text)
        let message = HostileInput.parseRoundTrip(input)
        #expect(message.parts.count == 3, "one multipart with exactly two parts")
        #expect(message.parts.dropFirst().allSatisfy { $0.kind == .leaf && $0.depth == 1 })
        let run = HostileInput.stream(input, chunk: 777)
        let delimiters = run.events.filter { if case .delimiter = $0 { true } else { false } }.count
        #expect(delimiters == 3)
    }

    /// Nested multiparts whose boundaries are prefixes of each other (`b`, `bb`, `bbb`…): each
    /// delimiter matches only its own multipart.
    @Test func prefixBoundaries() {
        let depth = 60
        var text = ""
        for level in 1...depth {
            text += "Content-Type: multipart/mixed; boundary=\"\(String(repeating: "b", count: level))\"\n\n"
            text += "--\(String(repeating: "b", count: level))\n"
        }
        text += "\nleaf\n"
        for level in (1...depth).reversed() { text += "--\(String(repeating: "b", count: level))--\n" }
        let message = HostileInput.parseRoundTrip(HostileInput.bytes(text))
        #expect(message.parts.count == depth + 1)
        #expect(!message.allDefects.contains { $0.kind == .missingCloseDelimiter })
    }

    /// Unterminated structure at every level: multiparts without close delimiters, a header
    /// with no blank line and no final line break, a quoted boundary that never closes.
    @Test(arguments: [
        "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: multipart/mixed; boundary=b\n\n--b\n\nx",
        "Content-Type: multipart/mixed; boundary=\"a\n\n--a\n\nx\n--a--\n",
        "Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Type: message/rfc822\n\nSubject: x",
        "Subject: no break at the end",
        "Subject: =?utf-8?q?never ends\n (comment\n \"quote",
        "Content-Type: multipart/mixed; boundary=\n\n--\n\n--\n",
        "Content-Type: multipart/mixed\n\n--a\n\nx\n",
        "Content-Type: message/rfc822\n\n",
        "Content-Type: multipart/mixed; boundary=a\n\n--a",
        "Content-Type: multipart/mixed; boundary=a\n\n--a--",
        "\n\n\n",
        ":\n:\n:",
        " folded first line\n\nbody",
    ])
    func unterminatedEverything(text: String) {
        for eol in ["\n", "\r\n"] {
            let input = HostileInput.bytes(text.replacing("\n", with: eol))
            let message = HostileInput.parseRoundTrip(input)
            #expect(message.root.bodyEnd == input.count)
            for chunk in [1, 5] {
                let events = HostileInput.stream(input, chunk: chunk).events
                #expect(events.count > 0)
            }
        }
    }

    /// Unterminated multiparts nested 1,000 deep, and a part header that never ends.
    @Test func unterminatedNestedMultiparts() {
        var text = ""
        for level in 0..<1_000 { text += "Content-Type: multipart/mixed; boundary=\"u\(level)\"\n\n--u\(level)\n" }
        text += "Content-Type: text/plain\nX-Never: ends"
        let input = HostileInput.bytes(text)
        let message = HostileInput.parseRoundTrip(input)
        #expect(message.parts.map(\.depth).max()! <= ParserOptions().maxNestingDepth)
        #expect(message.allDefects.contains { $0.kind == .missingCloseDelimiter })
    }
}
