#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Options for `MboxWriter`.
public struct MboxWriteOptions: Sendable, Hashable {
    /// `fsync` after every message (each `append` returns only once it is on disk). When
    /// false, `sync()` and `close()` still flush. True by default.
    public var syncEachMessage = true
    /// Take an `fcntl` write lock and a `.lock` dotlock (both, as mutt and procmail do, since
    /// NFS and old mailers each honour only one). True by default. A dotlock older than five
    /// minutes is taken to be stale and removed.
    public var lock = true
    /// How long to wait for another process's dotlock, in seconds.
    public var lockTimeout = 10

    public init() {}
}

/// Appends messages to an mbox file (RFC 4155) in mboxrd (default), mboxo, mboxcl or mboxcl2.
///
/// Each message is written as one entry: a `From ` line, the message with the format's
/// quoting, and a blank separator line. Reading the file back with `MboxReader` in the same
/// format gives the message bytes exactly, whether or not the message ends with a line break:
/// the separator of a message without a final line break is written only when another message
/// follows (see deviation 1), and an existing file that does not end in a blank line gets one
/// before the first new entry.
///
/// On any write or `fsync` error the file is truncated back to where the failed entry began,
/// so it never ends in a partial message, and the error is thrown.
///
/// Deviations:
/// 1. A message that does not end in a line break gets its separator line break from the next
///    append (or never, if it stays last), because that is the only way a reader can tell it
///    apart from a message that does end in one.
/// 2. mboxcl and mboxcl2 add `Content-Length:` and `Lines:` fields (body bytes as stored, and
///    body lines) at the end of the header; the message then differs from the input by those
///    fields. A message without a header/body separator gets neither.
/// 3. The separator and `From ` line use LF; appending to a CRLF-framed mbox mixes line ends.
public final class MboxWriter {
    public let path: String
    public let format: MboxFormat
    private let options: MboxWriteOptions
    private let fileSystem: any MailboxFileSystem
    private var fd: Int32 = -1
    private var dotlock: String?
    /// The file's size: where the next entry begins.
    public private(set) var size = 0
    /// Whether the file ends with a blank line (or is empty), so the next `From ` line needs no
    /// separator before it.
    private var endsWithSeparator = true

    /// Opens (creating if missing) `path` for appending, and locks it.
    public init(path: String, format: MboxFormat = .mboxrd, options: MboxWriteOptions = MboxWriteOptions(),
                fileSystem: any MailboxFileSystem = PosixFileSystem()) throws(MailboxError) {
        guard MboxFormat.writable.contains(format) else {
            throw MailboxError(.refused, path: path, message: "cannot write mbox format \(format)")
        }
        self.path = path
        self.format = format
        self.options = options
        self.fileSystem = fileSystem
        if options.lock { try takeDotlock() }
        do {
            fd = try fileSystem.open(path, flags: O_RDWR | O_CREAT | O_APPEND, mode: 0o600)
        } catch {
            releaseDotlock()
            throw MailboxError(.open, path: path, errno: error.code, message: "cannot open mbox for appending")
        }
        let fd = fd
        if options.lock {
            var request = flock()
            request.l_type = Int16(F_WRLCK)
            request.l_whence = Int16(SEEK_SET)
            let status = withUnsafeMutablePointer(to: &request) { fcntl(fd, F_SETLKW, $0) }
            if status != 0 {
                let code = errno
                fileSystem.close(fd)
                self.fd = -1
                releaseDotlock()
                throw MailboxError(.lock, path: path, errno: code, message: "cannot lock mbox (fcntl)")
            }
        }
        size = fileSize(fd) ?? 0
        var tail: [UInt8] = [0, 0]
        let got = size >= 2 ? tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, off_t(size - 2)) } : 0
        endsWithSeparator = size == 0 || (got == 2 && tail == [0x0A, 0x0A])
    }

    deinit {
        if fd >= 0 { fileSystem.close(fd) }
        releaseDotlock()
    }

    /// Appends `message` with `envelope` (nil: `MAILER-DAEMON` and the current time). Returns the
    /// entry's offset and length in the file. A `From ` line that would not validate when read
    /// back (e.g. an empty or unparseable date) is replaced by one with the current time.
    @discardableResult
    public func append(_ message: ByteView, envelope: MboxEnvelope? = nil) throws(MailboxError) -> Range<Int> {
        guard fd >= 0 else { throw MailboxError(.write, path: path, errno: EBADF, message: "mbox writer is closed") }
        let start = size
        var entry: [UInt8] = []
        entry.reserveCapacity(message.count + message.count / 50 + 100)
        if !endsWithSeparator { entry.append(0x0A) }
        let entryOffset = start + entry.count
        entry += fromLine(envelope)
        message.withUnsafeBytes { appendFramed($0, to: &entry) }
        let endsWithLineBreak = message.count > 0 && message[message.endIndex - 1] == 0x0A
        if endsWithLineBreak { entry.append(0x0A) }
        do throws(Errno) {
            let fs = fileSystem, fd = fd
            try entry.withUnsafeBytes { raw in Result { () throws(Errno) in try fs.writeAll(fd, raw) } }.get()
            if options.syncEachMessage { try fileSystem.fsync(fd) }
        } catch {
            // Never leave a partial entry: cut the file back to where this one began.
            try? fileSystem.truncate(fd, to: start)
            throw MailboxError(.write, path: path, errno: error.code, message: "cannot append message", offset: start)
        }
        size = start + entry.count
        endsWithSeparator = endsWithLineBreak
        return entryOffset..<size
    }

    /// Flushes everything appended so far to disk (`fsync`).
    public func sync() throws(MailboxError) {
        guard fd >= 0 else { return }
        do { try fileSystem.fsync(fd) } catch {
            throw MailboxError(.sync, path: path, errno: error.code, message: "cannot flush mbox to disk")
        }
    }

    /// Flushes, unlocks and closes. Further appends throw.
    public func close() throws(MailboxError) {
        guard fd >= 0 else { return }
        defer {
            fileSystem.close(fd)
            fd = -1
            releaseDotlock()
        }
        try sync()
    }

    /// `From <sender> <date>\n`, validated the way the reader validates.
    private func fromLine(_ envelope: MboxEnvelope?) -> [UInt8] {
        if let envelope {
            var sender = envelope.sender.map { $0 <= 0x20 || $0 == 0x7F ? UInt8(ascii: "_") : $0 }
            if sender.isEmpty { sender = Array("MAILER-DAEMON".utf8) }
            let line = Array("From ".utf8) + sender + [0x20] + envelope.date.filter { $0 != 0x0A && $0 != 0x0D }
            if !envelope.date.isEmpty, line.withUnsafeBytes({ MboxFromLine.parse($0) }) != nil {
                return line + [0x0A]
            }
            return Array("From ".utf8) + sender + [0x20] + Array(MboxEnvelope.asctime(Int(time(nil))).utf8) + [0x0A]
        }
        return Array("From MAILER-DAEMON \(MboxEnvelope.asctime(Int(time(nil))))\n".utf8)
    }

    /// The message with quoting (and for mboxcl/mboxcl2, the length fields).
    private func appendFramed(_ message: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let escaping = format.escaping
        var quoted: [UInt8] = []
        quoted.reserveCapacity(message.count + 16)
        var start = 0
        var bodyStart: Int?  // in `quoted`
        var headerEndLine = 0  // in `quoted`: start of the blank line ending the header
        while start < message.count {
            var end = start
            while end < message.count && message[end] != 0x0A { end += 1 }
            if end < message.count { end += 1 }
            let line = UnsafeRawBufferPointer(rebasing: message[start..<end])
            let blank = line.count == 1 || (line.count == 2 && line[0] == 0x0D)
            if bodyStart == nil && blank && line.last == 0x0A {
                headerEndLine = quoted.count
                quoted.append(contentsOf: line)
                bodyStart = quoted.count
                start = end
                continue
            }
            if escaping.needsQuoting(line) { quoted.append(UInt8(ascii: ">")) }
            quoted.append(contentsOf: line)
            start = end
        }
        guard format == .mboxcl || format == .mboxcl2, let body = bodyStart else {
            out += quoted
            return
        }
        let bodyBytes = quoted.count - body
        var lines = quoted[body...].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if let last = quoted.last, last != 0x0A, bodyBytes > 0 { lines += 1 }
        let crlf = headerEndLine > 0 && quoted[headerEndLine] == 0x0D
        let eol = crlf ? "\r\n" : "\n"
        out += quoted[..<headerEndLine]
        out += Array("Content-Length: \(bodyBytes)\(eol)Lines: \(lines)\(eol)".utf8)
        out += quoted[headerEndLine...]
    }

    private func takeDotlock() throws(MailboxError) {
        let lockPath = path + ".lock"
        var waited = 0
        while true {
            do {
                let fd = try fileSystem.open(lockPath, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
                fileSystem.close(fd)
                dotlock = lockPath
                return
            } catch {
                // A directory we may not create files in: rely on the fcntl lock alone.
                if error.code == EACCES || error.code == EROFS { return }
                // A dotlock older than five minutes was left by a crashed writer (the limit
                // procmail and mutt use): remove it and try again.
                if error.code == EEXIST, let age = Maildir.modificationTime(lockPath).map({ Int(time(nil)) - $0 }),
                   age > 300 {
                    try? fileSystem.unlink(lockPath)
                    continue
                }
                guard error.code == EEXIST, waited < options.lockTimeout * 10 else {
                    throw MailboxError(.lock, path: lockPath, errno: error.code, message: "cannot take dotlock")
                }
                usleep(100_000)
                waited += 1
            }
        }
    }

    private func releaseDotlock() {
        if let dotlock { try? fileSystem.unlink(dotlock) }
        dotlock = nil
    }
}
