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
        // Allocation counts are deterministic: any growth is a regression worth a look. Times are noisy on
        // shared machines, so they get generous tolerances (see README.md, "Thresholds").
        thresholds: [
            .mallocCountTotal: .init(relative: BenchmarkThresholds.Relative.strict, absolute: [.p90: 16]),
            .wallClock: .init(relative: [.p50: 25.0]),
        ]
    )

    let corpora = BenchmarkCorpus.all
    registerReferenceBenchmarks(corpora)
    registerMboxBenchmarks(corpora)
    registerReaderBenchmarks(corpora)
    registerMessageBenchmarks(corpora)
    registerDecodeBenchmarks(corpora)
}
