import Benchmark
import CodecWorkloads

/// Decoding benchmarks (issue #4, "codec speed"): base64, quoted-printable and windows-1252 → UTF-8 over 32 MB
/// seeded inputs (`CodecInputs`), and every leaf of each corpus decoded (`Decode.all-leaves`).
///
/// The codec benchmarks report the same custom metrics as `throughputBenchmark`: `MB/s` of input and `% of
/// memchr`, the codec's time against a `memchr` line scan of the same input buffer run just before it in the same
/// iteration (the targets: base64 ≤ 250 %, QP ≤ 500 %, windows-1252 ≤ 250 %). Each decodes the whole
/// buffer as one body into a fresh array, as `TransferEncoding.decode` and `CharsetTranscoder.transcode` are
/// called (so the first touch of every output page is included); `parse-bench codecs` also times them streamed.
func registerDecodeBenchmarks(_ corpora: [BenchmarkCorpus]) {
    CodecWorkload.installKernels()
    codecBenchmark("Decode.base64-76crlf", input: CodecInputs.base64(size: 32_000_000), CodecWorkload.base64)
    codecBenchmark("Decode.quoted-printable", input: CodecInputs.quotedPrintable(size: 32_000_000),
                   CodecWorkload.quotedPrintable)
    codecBenchmark("Decode.windows-1252", input: CodecInputs.windows1252(size: 32_000_000), CodecWorkload.windows1252)
    for corpus in corpora {
        throughputBenchmark("Decode.all-leaves", [corpus]) { bytes in
            CodecWorkload.allLeaves(bytes, messages: corpus.messages)
        }
    }
}

/// Registers one codec benchmark over `input`, built once when the benchmark runs (not at registration, so
/// listing or filtering the suite stays quick).
func codecBenchmark(_ name: String, input: @autoclosure @escaping @Sendable () -> [UInt8],
                    _ work: @escaping @Sendable (UnsafeRawBufferPointer) -> CodecResult) {
    let buffer = LazyInput(input)
    Benchmark(name, configuration: harnessConfiguration()) { benchmark in
        buffer.bytes.withUnsafeBytes { bytes in
            let clock = ContinuousClock()
            var start = clock.now
            blackHole(countNewlines(bytes))
            let reference = clock.now - start
            benchmark.startMeasurement()
            start = clock.now
            let result = work(bytes)
            let elapsed = clock.now - start
            benchmark.stopMeasurement()
            blackHole(result.count)
            withExtendedLifetime(result.output) {}  // released after the measurement
            let seconds = elapsed / .seconds(1)
            benchmark.measurement(ThroughputMetric.megabytesPerSecond, Int(Double(bytes.count) / 1e6 / seconds))
            benchmark.measurement(ThroughputMetric.percentOfMemchr, Int(100 * (elapsed / reference)))
        }
    }
}

/// An input built on first use and kept.
final class LazyInput: @unchecked Sendable {
    // @unchecked: ordo-one runs a benchmark's iterations on one thread; the value is written once.
    private let make: @Sendable () -> [UInt8]
    private var value: [UInt8]?

    init(_ make: @escaping @Sendable () -> [UInt8]) { self.make = make }

    var bytes: [UInt8] {
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}
