@testable import MIMECore
import Testing

/// The word-at-a-time scans agree with a byte-by-byte reading on seeded random buffers drawn from a small
/// alphabet (so matches, line breaks and word boundaries meet often), at every start and end.
struct ByteScanTests {
    static let alphabet: [UInt8] = [0x0A, 0x2D, 0x2D, 0x41, 0x0D, 0x80, 0x0B, 0x2C]

    static func buffers() -> [[UInt8]] {
        var random = SeededRandom(seed: 77)
        return (0..<200).map { _ in
            let count = Int(random.next() % 34)
            return (0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
        }
    }

    @Test func firstIndexMatchesByteByByte() {
        for bytes in Self.buffers() {
            bytes.withUnsafeBytes { raw in
                for from in 0...bytes.count {
                    for to in from...bytes.count {
                        let expected = (from..<to).first { bytes[$0] == 0x2D }
                        #expect(ByteScan.firstIndex(of: 0x2D, in: raw, from: from, to: to) == expected)
                    }
                }
            }
        }
    }

    @Test func firstLineStartMatchesByteByByte() {
        for bytes in Self.buffers() {
            bytes.withUnsafeBytes { raw in
                for from in 0...bytes.count {
                    for to in from...bytes.count {
                        let expected = (from..<to).first { bytes[$0] == 0x2D && ($0 == 0 || bytes[$0 - 1] == 0x0A) }
                        let got = ByteScan.firstLineStart(with: 0x2D, in: raw, from: from, to: to)
                        #expect(got == expected, "\(bytes) from \(from) to \(to)")
                    }
                }
            }
        }
    }
}
