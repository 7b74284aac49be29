import MIMECore

/// A small deterministic generator (splitmix64) seeded from the input's hash: split points and
/// option choices then depend only on the input, so a saved crash replays exactly.
struct SplitMix {
    var state: UInt64

    init(_ seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

/// Chunk boundaries for `count` bytes: mostly short chunks (1–4 bytes, where a decoder's state
/// crosses a call most often), sometimes long ones. Never empty; covers `0..<count` in order.
func chunkRanges(_ count: Int, _ random: inout SplitMix) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    while start < count {
        let size = random.below(4) == 0 ? 1 + random.below(max(1, count)) : 1 + random.below(4)
        let end = min(count, start + size)
        ranges.append(start..<end)
        start = end
    }
    return ranges
}

/// Whether `bytes` are valid UTF-8.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    String(validating: bytes, as: UTF8.self) != nil
}

/// The first byte selects a variant and the rest is the data, for targets with a mode.
func splitSelector(_ input: UnsafeRawBufferPointer) -> (UInt8, UnsafeRawBufferPointer) {
    guard let first = input.first else { return (0, input) }
    return (first, UnsafeRawBufferPointer(rebasing: input[1...]))
}

/// `where` in a description when two results differ.
func firstDifference<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
}
