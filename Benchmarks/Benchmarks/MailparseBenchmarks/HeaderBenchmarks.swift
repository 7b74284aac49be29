import ParserWorkloads

/// Header semantics (issue "Header semantics"): every top-level field of every message decoded, and parsed as
/// its name calls for (addresses, dates, message IDs, Received, Content-Type), on the same corpora as the other
/// parser benchmarks. Header-heavy mail is where parsers spend their time per byte: read the lists figure.
func registerHeaderBenchmarks(_ corpora: [BenchmarkCorpus]) {
    for corpus in corpora {
        throughputBenchmark("Headers.semantics", [corpus]) { bytes in
            ParserWorkload.headerSemantics(bytes, messages: corpus.messages)
        }
    }
}
