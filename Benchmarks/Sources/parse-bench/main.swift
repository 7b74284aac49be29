// A quick timer for the parser workloads, for A/B work and `perf record` without the ordo-one build:
//
//     swift build -c release --product parse-bench
//     .build/release/parse-bench reader|message|headers|frame|memchr FILE [ROUNDS]
//     .build/release/parse-bench codecs [MB] [ROUNDS] [FILTER]   (see CodecsCommand.swift)
//
// Prints the median round's MB/s (10⁶ bytes; the best too), messages/s, and the median of its time as a percentage
// of a memchr newline scan of the same bytes timed just before it in the same round.
import ParserWorkloads

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = CommandLine.arguments
if arguments.count >= 2 && arguments[1] == "codecs" {
    runCodecs(megabytes: arguments.count > 2 ? Int(arguments[2]) ?? 32 : 32,
              rounds: arguments.count > 3 ? Int(arguments[3]) ?? 7 : 7,
              filter: arguments.count > 4 ? arguments[4] : nil)
    exit(0)
}
guard arguments.count >= 3 else {
    print("usage: parse-bench reader|message|headers|frame|memchr FILE [ROUNDS] | codecs [MB] [ROUNDS] [FILTER]")
    exit(64)
}
let work: (UnsafeRawBufferPointer, [Range<Int>]) -> Int
switch arguments[1] {
case "reader": work = ParserWorkload.readerEvents
case "message": work = ParserWorkload.messageTree
case "headers": work = ParserWorkload.headerSemantics
case "frame": work = { bytes, _ in ParserWorkload.messageCount(bytes) }
case "memchr": work = { bytes, _ in ParserWorkload.memchrLines(bytes) }
default: print("unknown workload \(arguments[1])"); exit(64)
}
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 5 : 5

let fd = open(arguments[2], O_RDONLY)
var info = stat()
guard fd >= 0, fstat(fd, &info) == 0 else { print("cannot open \(arguments[2])"); exit(66) }
let size = Int(info.st_size)
let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
    var offset = 0
    while offset < size {
        let n = read(fd, buffer.baseAddress! + offset, size - offset)
        guard n > 0 else { print("cannot read"); exit(66) }
        offset += n
    }
    initialized = size
}

bytes.withUnsafeBytes { buffer in
    // Framed once, outside the timed work (as the ordo-one suite does).
    let ranges = ParserWorkload.messageRanges(buffer)
    let messages = ranges.count
    let clock = ContinuousClock()
    var times: [Duration] = []
    var ratios: [Double] = []
    var result = 0
    for _ in 0..<rounds {
        var start = clock.now
        let lines = ParserWorkload.memchrLines(buffer)
        let reference = clock.now - start
        start = clock.now
        result = work(buffer, ranges)
        let elapsed = clock.now - start
        times.append(elapsed)
        ratios.append(100 * (elapsed / reference))
        precondition(lines > 0)
    }
    let best = times.min()!
    let median = times.sorted()[rounds / 2]
    let medianRatio = ratios.sorted()[rounds / 2]
    let mbps = { (d: Duration) in Double(size) / 1e6 / (d / .seconds(1)) }
    print("\(arguments[1]): median \(Int(mbps(median))) MB/s (best \(Int(mbps(best)))), "
          + "\(Int(Double(messages) / (median / .seconds(1)))) messages/s, median \(Int(medianRatio)) % of the same round's "
          + "memchr (result \(result), \(messages) messages, \(rounds) rounds)")
}
