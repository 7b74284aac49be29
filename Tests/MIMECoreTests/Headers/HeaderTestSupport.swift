import MIMECore

/// The seeded generator the header tests draw from: MIMECore's `SeededRandom` (SplitMix64).
typealias SplitMix64 = SeededRandom

/// A transcoder that knows one made-up charset, "x-upper", whose bytes are ASCII upper-cased;
/// anything else is unknown. Lets tests see which path a word took.
struct UpperTranscoder: CharsetTranscoder {
    func transcode(_ bytes: UnsafeRawBufferPointer, from charset: String, into output: inout [UInt8])
        -> TranscodeResult?
    {
        guard charset.lowercased() == "x-upper" || charset == "a" else { return nil }
        var invalid = false
        for b in bytes {
            if b >= 0x80 { invalid = true; output += [0xEF, 0xBF, 0xBD]; continue }
            output.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b)
        }
        return TranscodeResult(hadInvalidBytes: invalid)
    }
}

/// All strings of length 0...maxLength over `alphabet` (each element one token), in order.
func enumerateStrings(_ alphabet: [String], maxLength: Int, _ body: (String) -> Void) {
    var indices: [Int] = []
    body("")
    for length in 1...maxLength {
        indices = Array(repeating: 0, count: length)
        while true {
            var s = ""
            for i in indices { s += alphabet[i] }
            body(s)
            var k = length - 1
            while k >= 0 {
                indices[k] += 1
                if indices[k] < alphabet.count { break }
                indices[k] = 0
                k -= 1
            }
            if k < 0 { break }
        }
    }
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

func kinds(_ defects: [Defect]) -> [String] { defects.map(\.kind.rawValue) }
