#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Reading a whole file or standard input as `ByteStorage`, without Foundation.
///
/// Regular files are memory-mapped (`mmap(PROT_READ, MAP_PRIVATE)`), so parsing never copies
/// them; pipes and standard input are read into an array.
public enum InputFile {
    /// Maps or reads `path` (`-` for standard input).
    public static func read(_ path: String) throws(InputFileError) -> ByteStorage {
        if path == "-" { return try readAll(fd: STDIN_FILENO, path: "<stdin>") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError(.cannotOpen, path: path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw InputFileError(.io, path: path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputFileError(.isDirectory, path: path, errno: EISDIR) }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return try readAll(fd: fd, path: path) }
        let size = Int(info.st_size)
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED else {
            return try readAll(fd: fd, path: path)
        }
        _ = madvise(base, size, MADV_SEQUENTIAL)
        let address = UInt(bitPattern: base)
        return ByteStorage(unsafeBytes: UnsafeRawBufferPointer(start: base, count: size)) {
            _ = munmap(UnsafeMutableRawPointer(bitPattern: address), size)
        }
    }

    /// Reads `path` (`-` for standard input) in chunks of `chunkSize` bytes, in bounded memory.
    public static func stream(_ path: String, chunkSize: Int = 1 << 20,
                              _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw InputFileError(.cannotOpen, path: path, errno: errno) }
            if isDirectory(path) {
                close(fd)
                throw InputFileError(.isDirectory, path: path, errno: EISDIR)
            }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        // A small file gets a small buffer: zero-filling a whole chunk costs a page fault per
        // 4 KiB, which is most of the start-up time of `dump` on a one-page message.
        var info = stat()
        var size = chunkSize
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
            size = min(chunkSize, max(Int(info.st_size) + 1, 4096))
        }
        var chunk = [UInt8](repeating: 0, count: size)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(.io, path: path == "-" ? "<stdin>" : path, errno: errno)
            }
            if n == 0 { return }
            try chunk.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        }
    }

    /// The first `count` bytes of a regular file (fewer if it is shorter); nil if it cannot be read.
    public static func prefix(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
        return n < 0 ? nil : Array(bytes[..<n])
    }

    /// Whether `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private static func readAll(fd: Int32, path: String) throws(InputFileError) -> ByteStorage {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(.io, path: path, errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[..<n])
        }
        return ByteStorage(bytes)
    }
}

/// A file could not be read. The message names the file and the system's reason.
public struct InputFileError: Error, Sendable, CustomStringConvertible {
    /// An open set of reasons.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let cannotOpen = Code(rawValue: "cannotOpen")
        public static let isDirectory = Code(rawValue: "isDirectory")
        public static let io = Code(rawValue: "io")
    }

    public var code: Code
    public var path: String
    public var errno: Int32

    public init(_ code: Code, path: String, errno: Int32) {
        self.code = code
        self.path = path
        self.errno = errno
    }

    public var description: String {
        let reason = strerror(errno).map { String(cString: $0) } ?? "error \(errno)"
        return "\(path): \(reason)"
    }
}

/// `read(2)`, named apart from `InputFile.read`.
func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
