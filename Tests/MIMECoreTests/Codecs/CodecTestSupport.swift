import Foundation
import MIMECore
import Testing

/// The seeded generator the codec tests draw from: MIMECore's `SeededRandom` (SplitMix64), so the
/// same seed gives the same bytes on every machine.
typealias CodecRandom = SeededRandom

extension SeededRandom {
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}

/// The shared corpus beside the repository (`../shared/corpus`). Tests that need it are
/// skipped when it is missing, unless `MAILPARSE_REQUIRE_SHARED=1`, when they run and fail.
enum CodecCorpus {
    static let root: String = {
        var path = "\(#filePath)"
        for _ in 0..<4 {  // …/Tests/MIMECoreTests/Codecs/File.swift → repository root
            path = String(path[..<path.lastIndex(of: "/")!])
        }
        return path + "/../shared/corpus"
    }()

    static var isUsable: Bool {
        FileManager.default.fileExists(atPath: root)
            || ProcessInfo.processInfo.environment["MAILPARSE_REQUIRE_SHARED"] == "1"
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: root + "/" + relativePath)
        return Array(try Data(contentsOf: url))
    }
}

/// Every string of length 0...`maximumLength` over `alphabet`, shortest first.
func allStrings(over alphabet: [UInt8], maximumLength: Int) -> [[UInt8]] {
    var result: [[UInt8]] = [[]]
    var layer: [[UInt8]] = [[]]
    for _ in 0..<maximumLength {
        layer = layer.flatMap { prefix in alphabet.map { prefix + [$0] } }
        result += layer
    }
    return result
}

/// A short name for an outcome: the sorted, distinct defect kinds, or "ok".
func outcome(_ defects: [Defect]) -> String {
    let kinds = Set(defects.map(\.kind.rawValue)).sorted()
    return kinds.isEmpty ? "ok" : kinds.joined(separator: "+")
}

/// Runs `script` (Python 3) once with a file of hex-encoded inputs, one per line, and returns
/// its output lines. The script reads `sys.argv[1]`.
func runPython(_ script: String, inputs: [[UInt8]]) throws -> [String] {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("mailparse-codecs-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inputURL = directory.appendingPathComponent("inputs.txt")
    let scriptURL = directory.appendingPathComponent("script.py")
    let hex = inputs.map { $0.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n") + "\n"
    try hex.write(to: inputURL, atomically: true, encoding: .utf8)
    try script.write(to: scriptURL, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", scriptURL.path, inputURL.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "python3 failed")
    return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        .dropLast().map(String.init)
}

func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// The common shape of the streaming codecs, so one helper can drive them in any chunking.
protocol ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8])
    mutating func end(into output: inout [UInt8])
    var reported: [Defect] { get }
}

extension Base64Decoder: ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { decode(input, into: &output) }
    mutating func end(into output: inout [UInt8]) { finish(into: &output) }
    var reported: [Defect] { defects }
}

extension QuotedPrintableDecoder: ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { decode(input, into: &output) }
    mutating func end(into output: inout [UInt8]) { finish(into: &output) }
    var reported: [Defect] { defects }
}

extension UUDecoder: ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { decode(input, into: &output) }
    mutating func end(into output: inout [UInt8]) { finish(into: &output) }
    var reported: [Defect] { defects }
}

extension Base64Encoder: ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { encode(input, into: &output) }
    mutating func end(into output: inout [UInt8]) { finish(into: &output) }
    var reported: [Defect] { [] }
}

extension QuotedPrintableEncoder: ChunkedCodec {
    mutating func feed(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) { encode(input, into: &output) }
    mutating func end(into output: inout [UInt8]) { finish(into: &output) }
    var reported: [Defect] { [] }
}

/// Runs a fresh codec over `input` cut at `cuts` (sorted offsets), returning output and defects.
func runCodec<Codec: ChunkedCodec>(_ codec: Codec, _ input: [UInt8], cuts: [Int] = []) -> (bytes: [UInt8], defects: [Defect]) {
    var codec = codec
    var output: [UInt8] = []
    var start = 0
    input.withUnsafeBytes { all in
        for cut in cuts + [input.count] {
            codec.feed(UnsafeRawBufferPointer(rebasing: all[start..<cut]), into: &output)
            start = cut
        }
    }
    codec.end(into: &output)
    return (output, codec.reported)
}

/// Runs `codec` whole, byte by byte, and cut once at every position; expects identical results.
func expectChunkInvariant<Codec: ChunkedCodec>(_ codec: Codec, _ input: [UInt8],
                                               sourceLocation: SourceLocation = #_sourceLocation) -> (bytes: [UInt8], defects: [Defect]) {
    let whole = runCodec(codec, input)
    let drip = runCodec(codec, input, cuts: Array(0..<input.count))
    var same = drip == whole
    for cut in 0...input.count where same {
        same = runCodec(codec, input, cuts: [cut]) == whole
    }
    #expect(same, "chunking changed the result for \(hexString(input))", sourceLocation: sourceLocation)
    return whole
}
