import ParserWorkloads

/// MIMEReader benchmarks: events only, no tree (DESIGN.md §4 target: within 3× of the memchr scan, i.e.
/// "% of memchr" ≤ 300).
///
/// `Reader.events` takes the corpus's messages (framed once at load, outside the measured work), runs a
/// `MIMEReader` over each message's bytes in place on the zero-copy path `Message` uses, and returns the number
/// of events. Allocations per message = mallocCountTotal ÷ messages (lists-32MB: 3,430; personal-32MB: 290).
func registerReaderBenchmarks(_ corpora: [BenchmarkCorpus]) {
    for corpus in corpora {
        throughputBenchmark("Reader.events", [corpus]) { bytes in
            ParserWorkload.readerEvents(bytes, messages: corpus.messages)
        }
    }
}
