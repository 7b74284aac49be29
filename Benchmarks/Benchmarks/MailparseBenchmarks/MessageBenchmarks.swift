import ParserWorkloads

/// `Message(parsing:)` benchmarks: the full part tree of every message (DESIGN.md §4 target: ahead of GMime's
/// `gmime_parse structure` on the same files; `compare.sh` gives the GMime figure).
///
/// `Message.full-tree` frames the mbox as `Reader.events` does and parses each message over the corpus bytes in
/// place (`ByteStorage(unsafeBytes:)`, no copy), returning the total part count. Allocations per message =
/// mallocCountTotal ÷ messages (lists-32MB: 3,430; personal-32MB: 290).
func registerMessageBenchmarks(_ corpora: [BenchmarkCorpus]) {
    throughputBenchmark("Message.full-tree", corpora) { bytes in
        ParserWorkload.messageTree(bytes)
    }
}
