#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// A `ByteSink` that writes to a file descriptor through a 64 KiB buffer, so a message can be
/// written (`Message.write(to:)`, `MessageWriter.write(_:to:)`) without being built in memory
/// first. `ByteSink.write` cannot throw: the first error is kept, later writes are dropped, and
/// `finish()` reports it with the file's name. Writes go through a `MailboxFileSystem`, so tests
/// can make them fail.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32
    /// The name used in errors.
    public let name: String
    /// The calls that write.
    public let fileSystem: any MailboxFileSystem
    private var buffer: [UInt8] = []
    private var failure: Int32 = 0
    /// Bytes accepted so far.
    public private(set) var count = 0

    public init(descriptor: Int32, name: String, fileSystem: any MailboxFileSystem = PosixFileSystem()) {
        self.descriptor = descriptor
        self.name = name
        self.fileSystem = fileSystem
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
            do throws(Errno) {
                let n = try fileSystem.write(descriptor, UnsafeRawBufferPointer(rebasing: bytes[offset...]))
                if n <= 0 { failure = EIO }  // no progress: would loop forever
                offset += n
            } catch {
                failure = error.code
            }
        }
    }
}
