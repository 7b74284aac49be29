import MIMECore
import Testing

@Suite struct UnfoldingTests {
    @Test(arguments: [
        ("a", "a"),
        ("a\r\n b", "a b"),
        ("a\r\n\tb", "a\tb"),
        ("a\n b", "a b"),
        ("a\r\n  \r\n b", "a   b"),
        ("a\r\n", "a"),
        ("a\n", "a"),
        ("a\r\nb", "a\r\nb"),
        ("a\rb", "a\rb"),
        ("a\r \r\n x", "a\r  x"),
        (" Subject text\r\n", " Subject text"),
        ("\r\n ", " "),
        ("", ""),
    ])
    func unfolds(input: String, expected: String) {
        #expect(HeaderValue.unfold(bytes(input)) == bytes(expected))
    }

    @Test func unfoldsSlicesWithAbsoluteIndices() {
        let buffer = bytes("Subject: a\r\n b\r\nX: y\r\n")
        #expect(HeaderValue.unfold(buffer[8..<16]) == bytes(" a b"))
        let view = ByteView(copying: buffer)
        #expect(HeaderValue.unfold(view[8..<16]) == bytes(" a b"))
    }

    /// Every string of up to 6 tokens over {a, SP, HTAB, CRLF, LF, CR}: no fold survives (unless
    /// an empty line precedes it), only line breaks are removed, and the histogram of removed bytes is pinned.
    @Test func exhaustiveShortInputs() {
        var histogram: [Int: Int] = [:]
        var total = 0
        enumerateStrings(["a", " ", "\t", "\r\n", "\n", "\r"], maxLength: 6) { s in
            let input = bytes(s)
            let output = HeaderValue.unfold(input)
            total += 1
            histogram[input.count - output.count, default: 0] += 1
            // Property: a lone unfolded line has no fold left (a fold cannot hide behind another).
            // (Checked on bytes: "\r\n" is one Character, so String.contains would miss it.)
            let emptyLine = input.indices.contains { i in
                input[i] == 0x0A && i + 1 < input.count
                    && (input[i + 1] == 0x0A || (input[i + 1] == 0x0D && i + 2 < input.count && input[i + 2] == 0x0A))
            }
            if !emptyLine {
                for i in output.indices where output[i] == 0x0A && i + 1 < output.count {
                    #expect(output[i + 1] != 0x20 && output[i + 1] != 0x09, "fold left in \(s.debugDescription)")
                }
            }
            // Property: only CR and LF are ever removed, and order is kept.
            #expect(output.filter { $0 != 0x0D && $0 != 0x0A } == input.filter { $0 != 0x0D && $0 != 0x0A })
        }
        #expect(total == 55_987)
        #expect(histogram == [0: 18433, 1: 11328, 2: 17778, 3: 4824, 4: 3264, 5: 264, 6: 96], "histogram \(histogram.sorted { $0.key < $1.key })")
    }
}
