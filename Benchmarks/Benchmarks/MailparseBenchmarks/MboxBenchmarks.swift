#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// mbox framing benchmarks.
///
/// For now only a placeholder that splits with the byte scan alone: a message starts at a `From ` line that
/// follows a blank line (or the start of the file). It is the floor any real mbox reader is measured against.
/// When `MIMEMailbox` has its mbox reader, add `Mbox.split` here, returning the message count.
func registerMboxBenchmarks(_ corpora: [BenchmarkCorpus]) {
    throughputBenchmark("Mbox.split-placeholder", corpora, configuration: harnessConfiguration()) { bytes in
        countMboxMessages(bytes)
    }
}

/// Messages of an mbox: `From ` lines at the start of the file or after an empty line.
@inline(never)
func countMboxMessages(_ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let count = bytes.count
    var messages = 0
    var lineStart = 0
    var previousLineEmpty = true
    while lineStart < count {
        let lineEnd = memchr(base + lineStart, 0x0A, count - lineStart).map { UnsafeRawPointer($0) - base } ?? count
        if previousLineEmpty && lineEnd - lineStart >= 5 && bytes[lineStart] == 0x46 && bytes[lineStart + 1] == 0x72
            && bytes[lineStart + 2] == 0x6F && bytes[lineStart + 3] == 0x6D && bytes[lineStart + 4] == 0x20
        {
            messages += 1
        }
        previousLineEmpty = lineEnd == lineStart
        lineStart = lineEnd + 1
    }
    return messages
}
