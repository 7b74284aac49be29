// generate-corpus --mix lists|personal --size 100M --seed 1 -o out.mbox
//
// Writes a deterministic synthetic mboxrd mailbox (see Benchmarks/README.md). Same arguments → same bytes.
import CorpusGenerator

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes to standard error through the file descriptor (`stderr` the C global is not concurrency-safe in Swift 6).
func printError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
    printError("generate-corpus: \(message)\n")
    printError("usage: generate-corpus --mix lists|personal --size SIZE[K|M|G] [--seed N] -o FILE|-\n")
    exit(64)  // EX_USAGE
}

var mix = CorpusMix.lists
var size = 100_000_000
var seed: UInt64 = 1
var output: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    func value() -> String {
        guard let next = arguments.popFirst() else { fail("\(argument) needs a value") }
        return next
    }
    switch argument {
    case "--mix":
        let name = value()
        guard let parsed = CorpusMix(rawValue: name) else { fail("unknown mix '\(name)'") }
        mix = parsed
    case "--size":
        let text = value()
        guard let parsed = CorpusFile.parseSize(text), parsed > 0 else { fail("bad size '\(text)'") }
        size = parsed
    case "--seed":
        let text = value()
        guard let parsed = UInt64(text) else { fail("bad seed '\(text)'") }
        seed = parsed
    case "-o", "--output":
        output = value()
    case "-h", "--help":
        fail("help")
    default:
        fail("unknown argument '\(argument)'")
    }
}
guard let output else { fail("-o FILE is required") }

let clock = ContinuousClock()
let start = clock.now
do {
    let summary = try CorpusFile.generate(mix: mix, seed: seed, size: size, path: output)
    let elapsed = clock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let megabytes = Double(summary.bytes) / 1e6
    let tenths = Double(Int(seconds * 10)) / 10
    printError("\(output): \(summary.messages) messages, \(summary.bytes) bytes "
        + "(\(summary.bytes / max(1, summary.messages)) B/message), \(mix.rawValue) seed \(seed), "
        + "\(tenths) s, \(Int(megabytes / max(seconds, 1e-9))) MB/s\n")
} catch {
    printError("generate-corpus: \(error)\n")
    exit(74)  // EX_IOERR
}
