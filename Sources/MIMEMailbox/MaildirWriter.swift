#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Delivers messages into a Maildir the safe way (maildir(5), "How a message is delivered"):
///
/// 1. a unique name `<sec>.M<usec>P<pid>Q<n>.<host>,S=<size>` (`/` in the host written
///    `\057`, `:` written `\072`, as Courier and Dovecot do);
/// 2. the file is created with `O_CREAT|O_EXCL` in `tmp/` (never overwriting), written,
///    given its mtime, `fsync`ed and closed (for a batch: all written, then all `fsync`ed);
/// 3. it is moved into `new/`, or into `cur/` with `:2,<flags>` when flags are given, by
///    `renameat2(RENAME_NOREPLACE)`, which fails rather than replace; where that call is
///    missing (`EINVAL`, `ENOSYS`, `ENOTSUP`) it is hard-linked (`link(2)`, which fails rather
///    than replace) and removed from `tmp/`, as maildir(5) describes. One call instead of two
///    per message (issue 5: `convert --no-fsync` against a plain split into files);
/// 4. the target directory is `fsync`ed.
///
/// So nothing appears in `new/` or `cur/` before its bytes are on disk, and a delivery that
/// returns is durable. Any failure removes what it created in `tmp/` and throws.
///
/// `deliver(batch:)` amortises the syncs: all files are written and `fsync`ed, then moved into
/// place, then each target directory is `fsync`ed once (without syncing, each file is moved as
/// soon as it is written). A failure unlinks the batch's already placed names again, so a
/// batch is delivered entirely or not at all.
///
/// Deviations:
/// 1. On file systems without hard links (`EPERM`, `ENOTSUP`, `EXDEV`) `rename(2)` is used
///    after checking the target does not exist; that check and the rename are not atomic.
/// 2. `tmp/` is not `fsync`ed: its entries are disposable; only the data and the final entries
///    must be durable.
public final class MaildirWriter {
    public let path: String
    private let fileSystem: any MailboxFileSystem
    private let sync: Bool
    private var counter = 0
    private let host: String
    private let pid = Int(getpid())
    /// Set once `renameat2(RENAME_NOREPLACE)` has failed as unsupported: link and unlink from then on.
    private var noReplaceUnsupported = false
    /// The Maildir directory, open: files are created and moved by names relative to it
    /// (`tmp/<name>`, `new/<name>`), so the kernel walks two path components, not the whole
    /// path, and no long path is built per message. It also keeps delivering into this
    /// directory should its path be renamed meanwhile.
    private let directory: Int32

    /// A message to deliver: its bytes, its flags (nil: into `new/`), and its mtime (nil: now).
    public struct Item: Sendable {
        public var message: ByteView
        public var flags: MaildirFlags?
        public var modificationTime: Int?
        public init(_ message: ByteView, flags: MaildirFlags? = nil, modificationTime: Int? = nil) {
            self.message = message
            self.flags = flags
            self.modificationTime = modificationTime
        }
    }

    /// Opens the Maildir at `path`, creating it and `tmp/`, `new/`, `cur/` when `create`.
    /// `sync: false` skips every `fsync` (fast, not durable: for tests and scratch copies).
    public init(path: String, create: Bool = true, sync: Bool = true,
                fileSystem: any MailboxFileSystem = PosixFileSystem()) throws(MailboxError) {
        self.path = path
        self.fileSystem = fileSystem
        self.sync = sync
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, 255)
        let raw = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        var escaped = ""
        for c in String(decoding: raw, as: UTF8.self).unicodeScalars {
            switch c {
            case "/": escaped += "\\057"
            case ":": escaped += "\\072"
            default: escaped.unicodeScalars.append(c)
            }
        }
        host = escaped.isEmpty ? "localhost" : escaped
        if create {
            // Missing parents are created too (`mkdir -p`), so `convert mbox a/b/Maildir` just works.
            var parents: [String] = []
            var parent = Self.parent(of: path)
            while let p = parent, !isDirectory(p) {
                parents.append(p)
                parent = Self.parent(of: p)
            }
            for dir in parents.reversed() {
                do { try fileSystem.mkdir(dir, mode: 0o755) } catch where error.code == EEXIST {
                } catch {
                    throw MailboxError(.create, path: dir, errno: error.code, message: "cannot create directory")
                }
            }
        }
        for dir in [path, path + "/tmp", path + "/new", path + "/cur"] where !isDirectory(dir) {
            guard create else {
                throw MailboxError(.notAMailbox, path: path, message: "not a Maildir (missing \(dir))")
            }
            do { try fileSystem.mkdir(dir, mode: 0o700) } catch where error.code == EEXIST {
            } catch {
                throw MailboxError(.create, path: dir, errno: error.code, message: "cannot create directory")
            }
        }
        // Opening a directory to read changes nothing, so it is not a call of the seam.
        directory = sysOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
        guard directory >= 0 else {
            throw MailboxError(.open, path: path, errno: errno, message: "cannot open Maildir")
        }
    }

    deinit { sysClose(directory) }

    /// The directory containing `path`, or nil at the root or for a bare name.
    static func parent(of path: String) -> String? {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return nil }
        let parent = trimmed[..<slash]
        return parent.isEmpty ? nil : String(parent)
    }

    /// Delivers one message; returns the path of the delivered file.
    @discardableResult
    public func deliver(_ message: ByteView, flags: MaildirFlags? = nil, modificationTime: Int? = nil) throws(MailboxError) -> String {
        try deliver(batch: [Item(message, flags: flags, modificationTime: modificationTime)])[0]
    }

    /// Delivers several messages with one `fsync` per target directory; all or nothing.
    ///
    /// `names` (from `uniqueName(size:)`, one per item) lets the caller record the names before
    /// any file is created; nil makes fresh ones. Should a name be taken (`EEXIST` in `tmp/` or
    /// in the target directory), `willRename` is called with the item's index and the
    /// replacement name before a file of that name is created.
    ///
    /// Syncing, every file is written and `fsync`ed before the first is moved into place. Not
    /// syncing, each file is closed and moved as soon as it is written, so `tmp/` holds one
    /// entry at a time instead of a batch's (issue 5: each create and move searches `tmp/`,
    /// and the batch's descriptors need not stay open). Either way a failure removes every file
    /// of the batch already placed, and every `tmp/` file, before it throws.
    public func deliver(batch: [Item], names: [String]? = nil,
                        willRename: ((Int, String) throws(MailboxError) -> Void)? = nil) throws(MailboxError) -> [String] {
        try deliverRelative(batch: batch, names: names, willRename: willRename).map { path + "/" + $0 }
    }

    /// `deliver(batch:names:willRename:)` returning the paths relative to the Maildir
    /// (`new/<name>`, `cur/<name>:2,<flags>`), which the converter does not need in full.
    func deliverRelative(batch: [Item], names: [String]? = nil,
                         willRename: ((Int, String) throws(MailboxError) -> Void)? = nil) throws(MailboxError) -> [String] {
        precondition(names == nil || names?.count == batch.count, "one name per item")
        var staged: [Staged] = []
        staged.reserveCapacity(batch.count)
        do {
            for (index, item) in batch.enumerated() {
                let name = names?[index] ?? uniqueName(size: item.message.count)
                staged.append(try stage(item, name: name) { (new) throws(MailboxError) in try willRename?(index, new) })
                if !sync {
                    fileSystem.close(staged[index].fd)
                    staged[index].fd = -1
                    try place(&staged[index], item) { (new) throws(MailboxError) in try willRename?(index, new) }
                }
            }
            if sync {
                try syncAndClose(&staged)
                for index in staged.indices {
                    try place(&staged[index], batch[index]) { (new) throws(MailboxError) in try willRename?(index, new) }
                }
            }
        } catch {
            for s in staged {
                if s.fd >= 0 { fileSystem.close(s.fd) }
                if let target = s.target { try? fileSystem.unlink(target, relativeTo: directory) }
                if !s.moved { try? fileSystem.unlink(s.tmp, relativeTo: directory) }
            }
            throw error
        }
        for s in staged where !s.moved { try? fileSystem.unlink(s.tmp, relativeTo: directory) }
        if sync {
            for dir in Set(batch.map { $0.flags == nil ? "/new/" : "/cur/" }).sorted() {
                do { try fileSystem.syncDirectory(path + dir) } catch {
                    throw MailboxError(.sync, path: path + dir, errno: error.code, message: "cannot flush directory to disk")
                }
            }
        }
        return staged.map { $0.target! }
    }

    /// A fresh unique name with its size tag, `<sec>.M<usec>P<pid>Q<n>.<host>,S=<size>`.
    public func uniqueName(size: Int) -> String {
        var now = timeval()
        gettimeofday(&now, nil)
        counter += 1
        // The microseconds are zero-padded so that names sort in delivery order.
        let micro = String(now.tv_usec)
        let padded = String(repeating: "0", count: max(0, 6 - micro.count)) + micro
        return "\(now.tv_sec).M\(padded)P\(pid)Q\(counter).\(host),S=\(size)"
    }

    /// A message of a batch on its way: its name (in `tmp/`, and in the target directory
    /// without the info suffix), its descriptor while open (else -1), its path relative to the
    /// Maildir once placed, and whether it has left `tmp/` (renamed) rather than been linked.
    private struct Staged {
        var name: String
        /// `tmp/<name>`.
        var tmp: String
        var fd: Int32
        var target: String? = nil
        var moved = false
    }

    /// Creates `tmp/<name>` (a fresh name when taken, announced to `willRename` first),
    /// writes the message into it and sets its mtime on the descriptor; the file stays open.
    private func stage(_ item: Item, name: String,
                       willRename: (String) throws(MailboxError) -> Void) throws(MailboxError) -> Staged {
        var name = name
        var attempts = 0
        while true {
            let tmp = "tmp/" + name
            let fd: Int32
            do {
                fd = try fileSystem.open(tmp, relativeTo: directory, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o600)
            } catch where error.code == EEXIST && attempts < 100 {
                attempts += 1
                name = uniqueName(size: item.message.count)
                try willRename(name)
                continue
            } catch {
                throw MailboxError(.create, path: path + "/tmp/" + name, errno: error.code, message: "cannot create file in tmp/")
            }
            do throws(Errno) {
                let fs = fileSystem
                try item.message.withUnsafeBytes { raw in Result { () throws(Errno) in try fs.writeAll(fd, raw) } }.get()
                if let mtime = item.modificationTime {
                    let time = timespec(tv_sec: time_t(mtime), tv_nsec: 0)
                    var times = (time, time)  // access and modification; a tuple, not an allocated array
                    _ = withUnsafePointer(to: &times) { $0.withMemoryRebound(to: timespec.self, capacity: 2) { futimens(fd, $0) } }
                }
            } catch {
                fileSystem.close(fd)
                try? fileSystem.unlink(tmp, relativeTo: directory)
                throw MailboxError(.write, path: path + "/" + tmp, errno: error.code, message: "cannot write message")
            }
            return Staged(name: name, tmp: tmp, fd: fd)
        }
    }

    /// Makes the staged files durable and closes them.
    ///
    /// All files are written before the first `fsync`; on Linux their write-back is started at
    /// once (`sync_file_range(SYNC_FILE_RANGE_WRITE)`), and the `fsync`s run from several
    /// threads (`ParallelSync`), so the batch shares journal commits instead of paying one per
    /// file. Each file is still `fsync`ed and checked: the promise is that of one `fsync` per
    /// message.
    private func syncAndClose(_ staged: inout [Staged]) throws(MailboxError) {
        let open = staged.map(\.fd)
        if let startWriteBack = Self.startWriteBack {
            for fd in open { _ = startWriteBack(fd, 0, 0, 2 /* SYNC_FILE_RANGE_WRITE */) }
        }
        let results = ParallelSync.fsync(open, using: fileSystem)
        if let failed = results.firstIndex(where: { $0 != nil }), let error = results[failed] {
            throw MailboxError(.write, path: path + "/tmp/" + staged[failed].name, errno: error.code,
                               message: "cannot flush message to disk")
        }
        for index in staged.indices.reversed() {
            fileSystem.close(staged[index].fd)
            staged[index].fd = -1
        }
    }

    /// Linux's `sync_file_range(2)`, looked up at run time: Glibc declares it only under
    /// `_GNU_SOURCE`, which the Swift Glibc module does not define. Nil elsewhere.
    private static let startWriteBack: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Moves the staged file into `new/`, or `cur/` with its info suffix (see step 3 above),
    /// choosing a new name if the target exists. Paths are relative to the Maildir's descriptor.
    private func place(_ s: inout Staged, _ item: Item,
                       willRename: (String) throws(MailboxError) -> Void) throws(MailboxError) {
        let tmp = s.tmp
        let subdirectory = item.flags == nil ? "new/" : "cur/"
        let info = item.flags.map { ":2," + $0.letters } ?? ""
        var name = s.name
        var attempts = 0
        while true {
            let target = subdirectory + name + info
            do throws(Errno) {
                if !noReplaceUnsupported {
                    do throws(Errno) {
                        try fileSystem.renameNoReplace(tmp, target, relativeTo: directory)
                        (s.target, s.moved) = (target, true)
                        return
                    } catch where [EINVAL, ENOSYS, ENOTSUP].contains(error.code) {
                        noReplaceUnsupported = true
                    }
                }
                try fileSystem.link(tmp, target, relativeTo: directory)
                s.target = target
                return
            } catch where error.code == EEXIST && attempts < 100 {
                attempts += 1
                name = uniqueName(size: item.message.count)
                try willRename(name)
            } catch where [EPERM, ENOTSUP, EXDEV].contains(error.code) && faccessat(directory, target, F_OK, 0) != 0 {
                do { try fileSystem.rename(tmp, target, relativeTo: directory) } catch {
                    throw MailboxError(.rename, path: path + "/" + target, errno: error.code, message: "cannot move message into place")
                }
                (s.target, s.moved) = (target, true)
                return
            } catch {
                throw MailboxError(.rename, path: path + "/" + target, errno: error.code, message: "cannot link message into place")
            }
        }
    }
}
