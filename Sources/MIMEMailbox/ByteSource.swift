#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A sequential source of bytes: a file, or a decompressor over one.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes; returns 0 only at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(MailboxError) -> Int
}

/// A file opened for reading, closed when the last copy goes away. Wraps `open(2)`/`read(2)`.
public final class FileSource: ByteSource {
    /// The path, for error messages.
    public let path: String
    private let fd: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` read-only.
    public init(path: String) throws(MailboxError) {
        let fd = sysOpen(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw MailboxError(.open, path: path, errno: errno, message: "cannot open for reading")
        }
        self.path = path
        self.fd = fd
        self.ownsDescriptor = true
    }

    /// Reads from an already open descriptor (e.g. standard input); it is not closed.
    public init(descriptor: Int32, name: String) {
        self.path = name
        self.fd = descriptor
        self.ownsDescriptor = false
    }

    deinit { if ownsDescriptor { sysClose(fd) } }

    /// Moves the read position to `offset` (`lseek(2)`); false when the descriptor cannot seek
    /// (a pipe).
    public func seek(to offset: Int) -> Bool {
        lseek(fd, off_t(offset), SEEK_SET) == off_t(offset)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(MailboxError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = sysRead(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw MailboxError(.read, path: path, errno: errno, message: "cannot read")
        }
    }
}
