/// `Message(parsing:)` benchmarks: the full part tree of every message (DESIGN.md §4 target: ahead of GMime's
/// `gmime_parse structure` on the same files; `compare.sh` gives the GMime figure).
///
/// TO ADD (lead): `throughputBenchmark("Message.full-tree", corpora) { bytes in … }` returning the total part
/// count. Allocations per message = mallocCountTotal / message count (see README.md).
func registerMessageBenchmarks(_ corpora: [BenchmarkCorpus]) {}
