// swift-tools-version: 6.1
// The benchmark suite: its own package so the library build stays light (DESIGN.md §4).
// Run from this directory: `swift package benchmark` (see README.md).
import PackageDescription

let package = Package(
    name: "MailparseBenchmarks",
    dependencies: [
        // The library under test, by path. Named so `.product(package: "mailparse")` works whatever the
        // checkout directory is called (a worktree, a CI workspace).
        .package(name: "mailparse", path: ".."),
        // 1.38.1 only works with the MallocInterposer trait (TOOLCHAIN.md).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Deterministic synthetic mbox generator, shared by the CLI and the benchmarks' first-run setup.
        .target(name: "CorpusGenerator"),
        .executableTarget(name: "generate-corpus", dependencies: ["CorpusGenerator"]),
        // The parser workloads, shared by the ordo-one suite and the quick `parse-bench` timer.
        .target(name: "ParserWorkloads", dependencies: [.product(name: "MIMECore", package: "mailparse")]),
        // The codec inputs (seeded) and passes, shared by the `Decode.*` benchmarks and `parse-bench codecs`.
        .target(
            name: "CodecWorkloads",
            dependencies: [
                "CorpusGenerator",
                .product(name: "MIMECore", package: "mailparse"),
                .product(name: "MIMECharsets", package: "mailparse"),
                .product(name: "MIMESIMD", package: "mailparse"),
            ]
        ),
        .executableTarget(name: "parse-bench", dependencies: ["ParserWorkloads", "CodecWorkloads"]),
        .executableTarget(
            name: "MailparseBenchmarks",
            dependencies: [
                "CorpusGenerator",
                "ParserWorkloads",
                "CodecWorkloads",
                .product(name: "MIMECore", package: "mailparse"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MailparseBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
