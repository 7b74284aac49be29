// swift-tools-version: 6.1
// The libFuzzer harness: its own package (like Benchmarks/), so the main `swift build` and
// `swift test` never build it. Build with the fuzzer and address sanitizers:
//   swift build -c release -Xswiftc -sanitize=fuzzer,address --package-path Fuzz
// (or `make fuzz` / `make fuzz-smoke` from the repository root; see Fuzz/README.md).
import PackageDescription

let package = Package(
    name: "mailparse-fuzz",
    platforms: [.macOS("15.0")],
    dependencies: [
        .package(name: "mailparse", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "mailparse-fuzz",
            dependencies: [
                .product(name: "MIMECore", package: "mailparse"),
                .product(name: "MIMEMailbox", package: "mailparse"),
                .product(name: "MIMECharsets", package: "mailparse"),
                .product(name: "MIMESIMD", package: "mailparse"),
            ],
            // gold (the default linker here) dies with "internal error in format_file_lineno"
            // on the sanitizer runtimes; lld links them.
            linkerSettings: [.unsafeFlags(["-use-ld=lld"])]
        ),
    ]
)
