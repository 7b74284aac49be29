import MIMECore
@testable import MIMEMailbox
import Testing

/// `MboxFramer.nextFromCandidate` (jumping between `From ` occurrences in bodies) frames
/// exactly as visiting every body line does, whatever the lines and however the input is cut.
@Suite struct MboxBodyScanTests {
    /// Lines chosen to sit on every edge of the candidate search: valid and invalid `From `
    /// lines, quoted ones at several depths, `F`s that are not `From `, `From ` not at a line
    /// start, Content-Length fields, CRLF, blank lines and a line with no break at the end.
    static let vocabulary: [String] = [
        "From a@b.example Sat Jan  3 01:05:34 1996", "From - Mon Jan 01 00:00:00 1996",
        "From nobody", "From ", "From", ">From x", ">>From y", ">>>From a@b Sat Jan  3 01:05:34 1996",
        "> From z", ">F", "Fromage", "xFrom a@b Sat Jan  3 01:05:34 1996", " From a", "F", "FF", "FFrom ",
        "", "", "text with From inside", "Subject: hi", "Content-Length: 12", "Content-Length: 0",
        "body line", ">", ">>", "\r", "From a@b.example Sat Jan  3 01:05:34 1996\r", ">From q\r",
    ]

    static func randomMbox(_ rng: inout SeededRandom) -> [UInt8] {
        var text = ""
        for _ in 0..<Int(rng.next() % 40) {
            text += vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
            if rng.next() % 50 != 0 { text += "\n" }
        }
        return Array(text.utf8)
    }

    /// Every entry the framer gives for `bytes`, fed in chunks of the given sizes (cycled).
    static func frame(_ bytes: [UInt8], format: MboxFormat, chunks: [Int], everyLine: Bool) -> [String] {
        var options = MboxReadOptions()
        options.format = format
        var framer = MboxFramer(options: options)
        framer.visitsEveryBodyLine = everyLine
        var fed = 0
        var chunk = 0
        var out: [String] = []
        while true {
            let step = bytes.withUnsafeBytes { all in
                framer.step(UnsafeRawBufferPointer(rebasing: all[0..<fed]), base: 0, atEOF: fed == bytes.count)
            }
            switch step {
            case .end:
                return out
            case .entry(let b):
                out.append("\(b.entry) \(b.message) \(String(describing: b.fromLine)) q\(b.quotedLines) \(b.defects)")
            case .needMoreData:
                fed = min(bytes.count, fed + chunks[chunk % chunks.count])
                chunk += 1
            }
        }
    }

    @Test(arguments: [MboxFormat.auto, .mboxrd, .mboxo, .mboxcl2])
    func jumpingFramesLikeVisitingEveryLine(format: MboxFormat) {
        var rng = SeededRandom(seed: 0x5EED_F00D)
        var compared = 0
        for _ in 0..<500 {
            let bytes = Self.randomMbox(&rng)
            let chunks = [bytes.count + 1, 1, 2, 3, 7, 64, Int(rng.next() % 20) + 1]
            let reference = Self.frame(bytes, format: format, chunks: [bytes.count + 1], everyLine: true)
            for size in chunks {
                let jumped = Self.frame(bytes, format: format, chunks: [size], everyLine: false)
                #expect(jumped == reference, "\(String(decoding: bytes, as: UTF8.self).debugDescription) chunk \(size)")
                compared += 1
            }
        }
        #expect(compared == 3_500)
    }
}
