#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to standard output and standard error, without Foundation.
enum Output {
    nonisolated(unsafe) static var buffer: [UInt8] = []

    static func write(_ bytes: some Collection<UInt8>) {
        // A large write goes out directly, not through a copy in the buffer.
        if bytes.count >= 1 << 16 {
            flush()
            let done = bytes.withContiguousStorageIfAvailable { writeAll(UnsafeRawBufferPointer($0)) }
            if done != nil { return }
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func write(_ string: String) { write(string.utf8) }

    static func line(_ string: String) {
        write(string.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        buffer.withUnsafeBytes { writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `raw` to standard output, looping over short writes.
    private static func writeAll(_ raw: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < raw.count {
            let n = systemWrite(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 { if errno == EINTR { continue }; break }
            offset += n
        }
    }

    static func error(_ message: String) {
        flush()
        var bytes = Array(message.utf8)
        bytes.append(0x0A)
        bytes.withUnsafeBytes { _ = systemWrite(STDERR_FILENO, $0.baseAddress!, $0.count) }
    }
}

/// `write(2)`, named apart from `Output.write` (and portable: no `Glibc.` prefix).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
