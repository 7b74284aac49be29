// The mailparse benchmark suite (DESIGN.md §4). Run from `Benchmarks/`:
//
//     swift package benchmark                       # everything
//     swift package benchmark --filter 'Reference.*'
//
// Each benchmark group lives in its own file and registers itself from here. Every throughput benchmark also
// scans the same bytes with `memchr` in the same iteration and reports its time as a ratio to that scan, because
// absolute times on shared machines drift (see `ThroughputBenchmark.swift`).
import Benchmark

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident] + ThroughputMetric.all,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 50,
        thresholds: suiteThresholds(mallocs: .init(relative: [.p50: 2.0, .p90: 2.0]))
    )

    let corpora = BenchmarkCorpus.all
    registerReferenceBenchmarks(corpora)
    registerMboxBenchmarks(corpora)
    registerReaderBenchmarks(corpora)
    registerMessageBenchmarks(corpora)
    registerHeaderBenchmarks(corpora)
    registerDecodeBenchmarks(corpora)
}

/// Regression tolerances for every metric the suite records.
///
/// ordo-one flags a regression when *either* the relative or the absolute tolerance of a metric is exceeded; a
/// static check (`thresholds check`) compares p90 only and treats a metric *without* a tolerance as strict (any
/// change fails). So every metric gets one here:
/// - allocations: `mallocs` — deterministic, so tight;
/// - peak RSS: 10 %;
/// - time-derived metrics (wall clock, throughput, MB/s): 50 % at p50 and 100 % at p90. On a shared 2-core
///   machine a memchr pass varies by 60 % between runs; these catch only gross regressions — the quadratic
///   blow-up kind — and the A/B `baseline compare` on a quiet machine does the fine work;
/// - `% of memchr`: 50 % at p90 (a ratio within one iteration, steadier than absolute times).
func suiteThresholds(mallocs: BenchmarkThresholds) -> [BenchmarkMetric: BenchmarkThresholds] {
    let time = BenchmarkThresholds(relative: [.p50: 50.0, .p90: 100.0])
    return [
        .mallocCountTotal: mallocs,
        .peakMemoryResident: .init(relative: [.p90: 10.0]),
        .wallClock: time,
        .throughput: time,
        ThroughputMetric.megabytesPerSecond: time,
        ThroughputMetric.percentOfMemchr: .init(relative: [.p90: 50.0]),
    ]
}

/// The default configuration with thresholds for benchmarks whose only allocations are the harness's own
/// (~16–30 per iteration, varying by a few): an absolute slack instead of a percentage.
func harnessConfiguration() -> Benchmark.Configuration {
    var configuration = Benchmark.defaultConfiguration
    configuration.thresholds = suiteThresholds(mallocs: .init(absolute: [.p50: 16, .p90: 16]))
    return configuration
}
