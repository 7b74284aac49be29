import ParserWorkloads

/// `Message(parsing:)` benchmarks: the full part tree of every message (DESIGN.md §4 target: ahead of GMime's
/// `gmime_parse structure` on the same files; `compare.sh` gives the GMime figure).
///
/// `Message.full-tree` takes the messages as `Reader.events` does and parses each one over the corpus bytes
/// in place (`ByteStorage(unsafeBytes:)`, no copy), returning the total part count. Allocations per message =
/// mallocCountTotal ÷ messages (lists-32MB: 3,430; personal-32MB: 290).
func registerMessageBenchmarks(_ corpora: [BenchmarkCorpus]) {
    for corpus in corpora {
        throughputBenchmark("Message.full-tree", [corpus]) { bytes in
            ParserWorkload.messageTree(bytes, messages: corpus.messages)
        }
    }
}
