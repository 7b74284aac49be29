import CorpusGenerator
import ParserWorkloads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generated mailbox loaded into memory, the input of every benchmark.
///
/// Corpora live in `Benchmarks/Generated/` (gitignored) and are generated on first use, so a fresh checkout
/// needs no setup; `make -C Benchmarks corpus` generates them ahead of time. The size defaults to 32 MB per mix
/// (one pass of a parser at a few hundred MB/s stays near 100 ms); `MAILPARSE_BENCH_SIZE=100M` overrides it and
/// `MAILPARSE_BENCH_MIXES=lists` restricts the mixes.
struct BenchmarkCorpus: Sendable {
    /// `lists` or `personal`.
    let mix: CorpusMix
    /// The whole mbox file.
    let bytes: [UInt8]
    /// Each message's byte range, framed once at load so the parser benchmarks measure parsing only.
    let messages: [Range<Int>]

    init(mix: CorpusMix, bytes: [UInt8]) {
        self.mix = mix
        self.bytes = bytes
        self.messages = bytes.withUnsafeBytes { ParserWorkload.messageRanges($0) }
    }

    /// A label for benchmark names: `lists-32MB`.
    var label: String { "\(mix.rawValue)-\(bytes.count / 1_000_000)MB" }

    static let all: [BenchmarkCorpus] = {
        let size = environment("MAILPARSE_BENCH_SIZE").flatMap(CorpusFile.parseSize) ?? 32_000_000
        let mixes = environment("MAILPARSE_BENCH_MIXES").map { $0.split(separator: ",").compactMap { CorpusMix(rawValue: String($0)) } }
            ?? CorpusMix.allCases
        return mixes.map { load(mix: $0, size: size, seed: 1) }
    }()

    /// `Benchmarks/Generated/`, found from this source file so it does not depend on the working directory.
    static var directory: String {
        var path = #filePath
        for _ in 0..<3 {
            while let last = path.last, last != "/" { path.removeLast() }
            path.removeLast()
        }
        return path + "/Generated"
    }

    static func load(mix: CorpusMix, size: Int, seed: UInt64) -> BenchmarkCorpus {
        // Same names as `make corpus` writes: lists-32M-seed1.mbox.
        let sizeLabel = size % 1_000_000 == 0 ? "\(size / 1_000_000)M" : "\(size)"
        let path = "\(directory)/\(mix.rawValue)-\(sizeLabel)-seed\(seed).mbox"
        if access(path, R_OK) != 0 {
            mkdir(directory, 0o755)
            print("generating \(path) …")
            do {
                _ = try CorpusFile.generate(mix: mix, seed: seed, size: size, path: path)
            } catch {
                fatalError("cannot generate \(path): \(error)")
            }
        }
        return BenchmarkCorpus(mix: mix, bytes: readFile(path))
    }

    static func readFile(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0 else { fatalError("cannot open \(path)") }
        defer { close(fd) }
        let count = Int(info.st_size)
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var offset = 0
            while offset < count {
                let n = read(fd, buffer.baseAddress! + offset, count - offset)
                guard n > 0 else { fatalError("cannot read \(path)") }
                offset += n
            }
            initialized = count
        }
    }

    static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
