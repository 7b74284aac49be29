#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import MIMEMailbox
import Synchronization

/// The real file system, failing on purpose: a write fails with `writeError` (`ENOSPC` unless
/// set) once `writeBudget` bytes have been written (after writing what still fits, as a full
/// disk does), and the n-th `open` / `fsync` / `rename`-or-`link` fails with `EIO`. With
/// `linksUnsupported`, `link` fails with `EPERM` as on file systems without hard links; with
/// `noReplaceUnsupported`, `renameNoReplace` fails with `EINVAL` as on file systems without
/// `RENAME_NOREPLACE`. `renameNoReplace` counts as a rename (`failRename`).
final class FaultyFileSystem: MailboxFileSystem, @unchecked Sendable {
    // @unchecked: each test owns its instance and uses it from one task; only `fsync` is
    // called from several threads at once (`ParallelSync`), and it takes `lock`.
    private let lock = Mutex(())
    let real = PosixFileSystem()
    var writeBudget = Int.max
    var writeError: Int32 = ENOSPC
    var failOpen: Int?
    /// When set, only writes to files whose path, as opened, starts with this count against
    /// `writeBudget` (`MaildirWriter` opens `tmp/<name>` relative to the Maildir).
    var budgetedPaths: String?
    private var budgeted: Set<Int32> = []
    var failFsync: Int?
    var failRename: Int?
    var linksUnsupported = false
    var noReplaceUnsupported = false
    private(set) var openCalls = 0
    private(set) var fsyncCalls = 0
    private(set) var renameCalls = 0
    private(set) var log: [String] = []

    func open(_ path: String, relativeTo directory: Int32, flags: Int32, mode: UInt32) throws(Errno) -> Int32 {
        openCalls += 1
        log.append("open \(path)")
        if openCalls == failOpen { throw Errno(EIO) }
        let fd = try real.open(path, relativeTo: directory, flags: flags, mode: mode)
        if budgetedPaths.map({ path.hasPrefix($0) }) ?? true { budgeted.insert(fd) } else { budgeted.remove(fd) }
        return fd
    }

    func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(Errno) -> Int {
        guard budgeted.contains(fd) else { return try real.write(fd, bytes) }
        if writeBudget <= 0 { throw Errno(writeError) }
        let n = try real.write(fd, UnsafeRawBufferPointer(rebasing: bytes[..<min(bytes.count, writeBudget)]))
        writeBudget -= n
        return n
    }

    func fsync(_ fd: Int32) throws(Errno) {
        let call = lock.withLock { _ in
            fsyncCalls += 1
            log.append("fsync")
            return fsyncCalls
        }
        if call == failFsync { throw Errno(EIO) }
        try real.fsync(fd)
    }

    func truncate(_ fd: Int32, to length: Int) throws(Errno) { try real.truncate(fd, to: length) }

    func rename(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        try placing("rename", to) { () throws(Errno) in try real.rename(from, to, relativeTo: directory) }
    }

    func link(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        if linksUnsupported { throw Errno(EPERM) }
        try placing("link", to) { () throws(Errno) in try real.link(from, to, relativeTo: directory) }
    }

    func renameNoReplace(_ from: String, _ to: String, relativeTo directory: Int32) throws(Errno) {
        if noReplaceUnsupported { throw Errno(EINVAL) }
        try placing("renamex", to) { () throws(Errno) in try real.renameNoReplace(from, to, relativeTo: directory) }
    }

    /// One call that puts a file in place: counted, logged, failed with `EIO` if it is the
    /// `failRename`-th, otherwise done.
    private func placing(_ verb: String, _ to: String, _ body: () throws(Errno) -> Void) throws(Errno) {
        renameCalls += 1
        log.append("\(verb) \(to)")
        if renameCalls == failRename { throw Errno(EIO) }
        try body()
    }

    func unlink(_ path: String, relativeTo directory: Int32) throws(Errno) { try real.unlink(path, relativeTo: directory) }
    func mkdir(_ path: String, mode: UInt32) throws(Errno) { try real.mkdir(path, mode: mode) }
    func close(_ fd: Int32) { real.close(fd) }
}

/// Messages that stress mbox framing, written here (not taken from any corpus).
enum TrickyMessages {
    static let all: [[UInt8]] = [
        "Subject: plain\n\nHello.\n",
        "Subject: from lines\n\nFrom here on\nFrom a@b Thu Jan  1 00:00:00 1970\n>From quoted\n>>From twice\n>>>From thrice\n",
        "Subject: no trailing newline\n\nlast line without break",
        "Subject: crlf\r\n\r\nFrom crlf body\r\n>From x\r\n\r\n",
        "Subject: ends in blank lines\n\nbody\n\n\n",
        "",
        "\n",
        "From starts the message\nSubject: odd\n\nx\n",
        "Subject: bare cr at end\n\nx\r",
        "Subject: only header",
        "Subject: binary\n\n\u{0}\u{1}\u{FF}From \r\nFrom \n",
    ].map { Array($0.utf8) }
}
