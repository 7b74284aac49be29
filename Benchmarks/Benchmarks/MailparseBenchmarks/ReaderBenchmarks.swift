/// MIMEReader benchmarks: events only, no tree (DESIGN.md §4 target: within 3× of the memchr scan, i.e.
/// "% of memchr" ≤ 300).
///
/// TO ADD (lead, after merging the reader): one `throughputBenchmark("Reader.events", corpora) { bytes in … }`
/// that frames the mbox (or uses `countMboxMessages`-style framing), feeds each message's bytes to `MIMEReader`
/// and returns the number of events, so the optimiser keeps the work. Import `MIMECore` in this file.
func registerReaderBenchmarks(_ corpora: [BenchmarkCorpus]) {}
