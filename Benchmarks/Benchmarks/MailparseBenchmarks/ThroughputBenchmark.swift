import Benchmark

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The custom metrics every throughput benchmark reports, read directly from the results table.
enum ThroughputMetric {
    /// Megabytes (10⁶ bytes) of corpus processed per second of the measured work.
    static let megabytesPerSecond = BenchmarkMetric.custom("MB/s", polarity: .prefersLarger, useScalingFactor: false)
    /// The measured work's time as a percentage of a `memchr` newline scan of the same bytes in the same iteration
    /// (300 = three times as slow as the scan). The ratio DESIGN.md §4 sets targets on.
    static let percentOfMemchr = BenchmarkMetric.custom("% of memchr", polarity: .prefersSmaller, useScalingFactor: false)

    static let all = [megabytesPerSecond, percentOfMemchr]
}

/// Registers `name` over each corpus, as `name.lists-32MB` and so on: one iteration is one pass of `work` over
/// the whole corpus.
///
/// `name` is `Group.what-it-does`, with no spaces or slashes: ordo-one 1.38.1 writes threshold files with those
/// replaced by `_` but looks them up unreplaced, so such names never match their thresholds.
///
/// In each iteration the `memchr` reference scan runs first, outside the measured window, then `work` runs
/// inside it; both are timed, and MB/s and the ratio are recorded as custom metrics. `work` returns a value
/// derived from its result (a count) so the optimiser cannot drop it.
func throughputBenchmark(
    _ name: String,
    _ corpora: [BenchmarkCorpus],
    configuration: Benchmark.Configuration = Benchmark.defaultConfiguration,
    work: @escaping @Sendable (UnsafeRawBufferPointer) -> Int
) {
    precondition(!name.contains(" ") && !name.contains("/"), "benchmark names must not contain spaces or slashes")
    for corpus in corpora {
        Benchmark("\(name).\(corpus.label)", configuration: configuration) { benchmark in
            corpus.bytes.withUnsafeBytes { bytes in
                let clock = ContinuousClock()
                var start = clock.now
                blackHole(countNewlines(bytes))
                let reference = clock.now - start
                benchmark.startMeasurement()
                start = clock.now
                blackHole(work(bytes))
                let elapsed = clock.now - start
                benchmark.stopMeasurement()
                let seconds = elapsed / .seconds(1)
                benchmark.measurement(ThroughputMetric.megabytesPerSecond, Int(Double(bytes.count) / 1e6 / seconds))
                benchmark.measurement(ThroughputMetric.percentOfMemchr, Int(100 * (elapsed / reference)))
            }
        }
    }
}

/// The line-scan reference: the number of LF bytes, found with `memchr`.
@inline(never)
func countNewlines(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard var cursor = bytes.baseAddress else { return 0 }
    let end = cursor + bytes.count
    var lines = 0
    while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
        lines += 1
        cursor = UnsafeRawPointer(found) + 1
    }
    return lines
}
