// `parse-bench codecs [MB] [ROUNDS] [FILTER]`: issue #4's codec-speed figures in one run (FILTER: only the rows
// whose name contains it, for `perf record`).
//
// Builds the seeded inputs (CodecInputs), then in each round, for each codec, times a memchr line scan of the
// codec's input buffer and right after it the codec over the same buffer. Prints, per codec, the medians over the
// rounds of the scan's MB/s, the codec's MB/s (of input bytes) and the per-round ratio codec speed ÷ scan speed.
//
// Rows: each codec over the whole 32 MB buffer as one body (a fresh output array, so a first touch of every
// output page is included); the same streamed in 64 KiB pieces into a reused array (the codec alone); and the
// CLI's path through `Message` (`decodedBody`, `text`). base64 runs with the vector kernel the CLI installs
// (MIMESIMD's SSSE3 kernel), and streamed again by MIMECore's portable Swift path alone.
import CodecWorkloads
import MIMECore
import ParserWorkloads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct CodecCase {
    let name: String
    let input: [UInt8]
    let work: (UnsafeRawBufferPointer) -> CodecResult
}

func runCodecs(megabytes: Int, rounds: Int, filter: String?) {
    CodecWorkload.installKernels()
    let size = megabytes * 1_000_000
    let base64 = CodecInputs.base64(size: size)
    let qp = CodecInputs.quotedPrintable(size: size)
    let latin = CodecInputs.windows1252(size: size)
    let qpMessage = CodecWorkload.message(body: qp, transferEncoding: "quoted-printable",
                                          contentType: "text/plain; charset=utf-8")
    let base64Message = CodecWorkload.message(body: base64, transferEncoding: "base64",
                                              contentType: "application/octet-stream")
    let latinMessage = CodecWorkload.message(body: latin, transferEncoding: "8bit",
                                             contentType: "text/plain; charset=windows-1252")
    let highBytes = latin.reduce(0) { $0 + ($1 >= 0x80 ? 1 : 0) }
    let escapes = qp.reduce(0) { $0 + ($1 == UInt8(ascii: "=") ? 1 : 0) }
    print("inputs: base64 \(base64.count) B; quoted-printable \(qp.count) B (\(escapes) '='); "
          + "windows-1252 \(latin.count) B (\(highBytes * 1000 / latin.count)‰ above 0x7F)")

    let all = [
        CodecCase(name: "base64 decode", input: base64, work: CodecWorkload.base64),
        CodecCase(name: "quoted-printable decode", input: qp, work: CodecWorkload.quotedPrintable),
        CodecCase(name: "windows-1252 → UTF-8", input: latin, work: CodecWorkload.windows1252),
        CodecCase(name: "base64 streamed 64 KiB", input: base64, work: { CodecWorkload.streamed(.base64, $0) }),
        CodecCase(name: "quoted-printable streamed 64 KiB", input: qp, work: { CodecWorkload.streamed(.quotedPrintable, $0) }),
        CodecCase(name: "windows-1252 streamed 64 KiB", input: latin, work: { CodecWorkload.windows1252Streamed($0) }),
        CodecCase(name: "base64 streamed, portable Swift", input: base64, work: { CodecWorkload.base64StreamedPortable($0) }),
        CodecCase(name: "Message.decodedBody base64", input: base64, work: { _ in CodecWorkload.decodedBody(base64Message) }),
        CodecCase(name: "Message.text QP utf-8", input: qp, work: { _ in CodecWorkload.text(qpMessage) }),
        CodecCase(name: "Message.text windows-1252", input: latin, work: { _ in CodecWorkload.text(latinMessage) }),
    ]
    let cases = all.filter { filter == nil || $0.name.contains(filter!) }
    var scanRates = Array(repeating: [Double](), count: cases.count)
    var codecRates = Array(repeating: [Double](), count: cases.count)
    var ratios = Array(repeating: [Double](), count: cases.count)
    var outputs = Array(repeating: 0, count: cases.count)
    let clock = ContinuousClock()
    for _ in 0..<rounds {
        for (k, codec) in cases.enumerated() {
            codec.input.withUnsafeBytes { bytes in
                var start = clock.now
                let lines = ParserWorkload.memchrLines(bytes)
                let scan = (clock.now - start) / .seconds(1)
                start = clock.now
                let result = codec.work(bytes)
                let elapsed = (clock.now - start) / .seconds(1)
                outputs[k] = result.count
                withExtendedLifetime(result.output) {}  // released here, after the clock
                precondition(lines > 0)
                scanRates[k].append(Double(bytes.count) / 1e6 / scan)
                codecRates[k].append(Double(bytes.count) / 1e6 / elapsed)
                ratios[k].append(scan / elapsed)
            }
        }
    }
    var load = [Double](repeating: 0, count: 3)
    _ = getloadavg(&load, 3)
    print("\(rounds) rounds, medians; load average \(load.map { String(Int($0 * 100)) }.joined(separator: " ")) (×0.01)")
    print("| codec | memchr MB/s | codec MB/s | ratio | output B |")
    print("|---|---:|---:|---:|---:|")
    for (k, codec) in cases.enumerated() {
        let ratio = Int(median(ratios[k]) * 1000)
        print("| \(codec.name) | \(Int(median(scanRates[k]))) | \(Int(median(codecRates[k]))) | "
              + "\(ratio / 1000).\(String(1000 + ratio % 1000).dropFirst())× | \(outputs[k]) |")
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    if sorted.isEmpty { return 0 }
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}
