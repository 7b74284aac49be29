#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls that change files, behind a protocol so that tests can inject failures
/// (`ENOSPC`, `EIO`) at any call and check that nothing partial is left visible. Every file the
/// library writes goes through it: Maildir delivery, mbox append, and `NewFile` (extract's `-o`
/// and `-d`). Each method wraps exactly the call it names and throws its `errno`.
///
/// Paths are resolved relative to `directory`, a descriptor of an open directory, or the
/// working directory for `AT_FDCWD` (the `*at(2)` calls); the extension below has the plain
/// forms. Reads, directory listing, `stat` and locking are not part of the seam: they change
/// nothing.
public protocol MailboxFileSystem: Sendable {
    /// `openat(2)`; returns the descriptor.
    func open(_ path: String, relativeTo directory: Int32, flags: Int32, mode: UInt32) throws(Errno) -> Int32
    /// `write(2)`; returns the number of bytes written (possibly fewer than given).
    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int
    /// `fsync(2)`.
    func fsync(_ fd: Int32) throws(Errno)
    /// `ftruncate(2)`.
    func truncate(_ fd: Int32, to length: Int) throws(Errno)
    /// `renameat(2)`, both names relative to `directory`.
    func rename(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno)
    /// `linkat(2)`, both names relative to `directory`: fails with `EEXIST` rather than replace
    /// anything, and never follows a symbolic link at `to`.
    func link(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno)
    /// `renameat2(2)` with `RENAME_NOREPLACE`, both names relative to `directory`: fails with
    /// `EEXIST` rather than replace anything, and never follows a symbolic link at `to`. Throws
    /// `EINVAL` or `ENOSYS` where the kernel, the C library or the file system lacks it (not
    /// Linux, Linux before 3.15, NFS): the caller then links and unlinks instead.
    func renameNoReplace(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno)
    /// `unlinkat(2)`.
    func unlink(_ path: String, relativeTo directory: Int32) throws(Errno)
    /// `mkdir(2)`.
    func mkdir(_ path: String, mode: UInt32) throws(Errno)
    /// `close(2)`.
    func close(_ fd: Int32)
}

/// The real system calls.
public struct PosixFileSystem: MailboxFileSystem {
    public init() {}

    public func open(_ path: String, relativeTo directory: Int32, flags: Int32, mode: UInt32) throws(Errno) -> Int32 {
        while true {
            let fd = openat(directory, path, flags | O_CLOEXEC, mode_t(mode))
            if fd >= 0 { return fd }
            if errno != EINTR { throw .current }
        }
    }

    public func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        while true {
            let n = sysWrite(fd, base, bytes.count)
            if n >= 0 { return n }
            if errno != EINTR { throw .current }
        }
    }

    public func fsync(_ fd: Int32) throws(Errno) {
        #if canImport(Glibc)
        if posix_fsync(fd) != 0 { throw .current }
        #else
        if Darwin.fsync(fd) != 0 { throw .current }
        #endif
    }

    public func truncate(_ fd: Int32, to length: Int) throws(Errno) {
        if ftruncate(fd, off_t(length)) != 0 { throw .current }
    }

    public func rename(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        if renameat(directory, from, directory, to) != 0 { throw .current }
    }

    public func link(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        if linkat(directory, from, directory, to, 0) != 0 { throw .current }
    }

    public func renameNoReplace(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        guard let renameat2 = Self.renameat2 else { throw Errno(ENOSYS) }
        if renameat2(directory, from, directory, to, 1 /* RENAME_NOREPLACE */) != 0 { throw .current }
    }

    /// glibc's `renameat2` (2.28 and later), looked up at run time: Glibc declares it only under
    /// `_GNU_SOURCE`, which the Swift Glibc module does not define. Nil elsewhere.
    private static let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    public func unlink(_ path: String, relativeTo directory: Int32) throws(Errno) {
        if unlinkat(directory, path, 0) != 0 { throw .current }
    }

    public func mkdir(_ path: String, mode: UInt32) throws(Errno) {
        #if canImport(Glibc)
        if posix_mkdir(path, mode_t(mode)) != 0 { throw .current }
        #else
        if Darwin.mkdir(path, mode_t(mode)) != 0 { throw .current }
        #endif
    }

    public func close(_ fd: Int32) { sysClose(fd) }
}

extension MailboxFileSystem {
    /// `open(2)`: `open(_:relativeTo:flags:mode:)` in the working directory.
    public func open(_ path: String, flags: Int32, mode: UInt32) throws(Errno) -> Int32 {
        try open(path, relativeTo: AT_FDCWD, flags: flags, mode: mode)
    }

    /// `rename(2)`.
    public func rename(_ from: String, _ to: String) throws(Errno) {
        try rename(from, to, relativeTo: AT_FDCWD)
    }

    /// `link(2)`: fails with `EEXIST` rather than replace anything.
    public func link(_ from: String, _ to: String) throws(Errno) {
        try link(from, to, relativeTo: AT_FDCWD)
    }

    /// `renameat2(2)` with `RENAME_NOREPLACE` in the working directory.
    public func renameNoReplace(_ from: String, _ to: String) throws(Errno) {
        try renameNoReplace(from, to, relativeTo: AT_FDCWD)
    }

    /// `unlink(2)`.
    public func unlink(_ path: String) throws(Errno) {
        try unlink(path, relativeTo: AT_FDCWD)
    }

    /// Writes all of `bytes`, looping over short writes.
    func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) {
        var done = 0
        while done < bytes.count {
            let n = try write(fd, UnsafeRawBufferPointer(rebasing: bytes[done...]))
            if n <= 0 { throw Errno(EIO) }
            done += n
        }
    }

    /// `fsync` of a directory, so that entries created or renamed in it are durable.
    func syncDirectory(_ path: String) throws(Errno) {
        let fd = try open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        defer { close(fd) }
        try fsync(fd)
    }
}

/// The size of an open file (`fstat(2)`).
func fileSize(_ fd: Int32) -> Int? {
    var info = stat()
    return fstat(fd, &info) == 0 ? Int(info.st_size) : nil
}

/// Whether `path` is a directory (`stat(2)`).
func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

// The C calls under names of their own: inside `PosixFileSystem` the plain names are its methods.
#if canImport(Glibc)
private func posix_fsync(_ fd: Int32) -> Int32 { Glibc.fsync(fd) }
private func posix_mkdir(_ p: String, _ m: mode_t) -> Int32 { Glibc.mkdir(p, m) }
#elseif canImport(Darwin)
private func posix_fsync(_ fd: Int32) -> Int32 { Darwin.fsync(fd) }
private func posix_mkdir(_ p: String, _ m: mode_t) -> Int32 { Darwin.mkdir(p, m) }
#endif
