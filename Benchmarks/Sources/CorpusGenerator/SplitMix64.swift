/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014, with Vigna's reference constants): a tiny seeded PRNG.
///
/// Deliberately *not* a `RandomNumberGenerator`: the standard library's `random(in:using:)` algorithms may change
/// between Swift releases, and a corpus must be byte-identical for a given seed on every toolchain. Every draw goes
/// through the methods below, whose arithmetic is fixed (integers, and doubles built exactly from 53 bits — no libm).
public struct SplitMix64: Sendable {
    private var state: UInt64

    /// A generator whose whole future output is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<n`. The modulo bias (< 2⁻⁴⁰ for our ranges) does not matter; determinism does.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "empty range")
        return Int(truncatingIfNeeded: next() % UInt64(n))
    }

    /// A value in `range`.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A double in `[0, 1)` built from the top 53 bits (exact, so identical everywhere).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// `true` with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// One element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A roughly log-uniform size in `range` (lower bound ≥ 1): an octave is picked uniformly, then a value inside
    /// it. Many small values and a long tail of large ones, like patches and attachments, in integer arithmetic.
    public mutating func logUniform(in range: ClosedRange<Int>) -> Int {
        precondition(range.lowerBound >= 1, "log-uniform needs a positive lower bound")
        var octaves = 0
        var top = range.lowerBound
        while top * 2 <= range.upperBound {
            top *= 2
            octaves += 1
        }
        let low = range.lowerBound << below(octaves + 1)
        let high = min(low * 2, range.upperBound + 1)
        return low + below(max(1, high - low))
    }
}
