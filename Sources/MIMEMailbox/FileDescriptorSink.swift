#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// A `ByteSink` that writes to a file descriptor through a 64 KiB buffer, so a message can be
/// written (`Message.write(to:)`, `MessageWriter.write(_:to:)`) without being built in memory
/// first. `ByteSink.write` cannot throw: the first error is kept, later writes are dropped, and
/// `finish()` reports it with the file's name.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32
    /// The name used in errors.
    public let name: String
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0
    /// Bytes accepted so far.
    public private(set) var count = 0

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(1 << 16)
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == 0 else { return }
        count += bytes.count
        if buffer.count + bytes.count > 1 << 16 { flush() }
        if bytes.count >= 1 << 16 {
            writeAll(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Writes what is buffered; throws the first error met, naming the file.
    public mutating func finish() throws(InputFileError) {
        flush()
        if failure != 0 { throw InputFileError(.io, path: name, errno: failure) }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        let pending = buffer
        buffer.removeAll(keepingCapacity: true)
        pending.withUnsafeBytes { writeAll($0) }
    }

    private mutating func writeAll(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count, failure == 0 {
            let n = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno != EINTR { failure = errno }
                continue
            }
            offset += n
        }
    }
}

/// `write(2)`, named apart from `ByteSink.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
