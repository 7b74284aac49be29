/// The same-run references every other figure is divided by.
///
/// `Reference.memchr-newline-scan` is the line-scan reference of DESIGN.md §4 ("event reader within 3× of a memchr line
/// scan"); its "% of memchr" is ~100 by construction and shows the noise of the machine.
func registerReferenceBenchmarks(_ corpora: [BenchmarkCorpus]) {
    throughputBenchmark("Reference.memchr-newline-scan", corpora, configuration: harnessConfiguration()) { bytes in
        countNewlines(bytes)
    }
}
