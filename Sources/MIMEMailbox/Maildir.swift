#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// A Maildir directory (maildir(5)): messages are files in `new/` (not yet seen by a mail
/// reader) and `cur/`; `tmp/` holds deliveries in progress and is never read.
///
/// Folders are subdirectories that are Maildirs themselves: Maildir++ names them `.Sent`,
/// `.Lists.swift` (a leading dot, `.` as the hierarchy separator), and some tools nest plain
/// directories (`foo/baz` in notmuch's test corpus). `folders()` finds both.
public struct Maildir: Sendable, Hashable {
    /// The directory path.
    public var path: String

    /// Which of the two message directories a message is in.
    public enum Subdirectory: String, Sendable, Hashable {
        case new, cur
    }

    /// One message file.
    public struct Message: Sendable, Hashable {
        /// The full path of the file.
        public var path: String
        public var subdirectory: Subdirectory
        /// The file name, flags and size tags.
        public var name: MaildirName
        public var flags: MaildirFlags { name.flags }
    }

    public init(path: String) { self.path = path }

    /// Whether `path` looks like a Maildir: a directory with `cur/` or `new/`.
    /// (Only one of them is needed for reading: mu's `cjk` test Maildir has only `cur/`.)
    public static func isMaildir(_ path: String) -> Bool {
        isDirectory(path + "/cur") || isDirectory(path + "/new")
    }

    /// The messages of `new/` and `cur/` together, sorted by the unique part of the file name
    /// with numbers compared as numbers (then `new/` before `cur/`): deterministic, and for
    /// names of the standard form `<sec>.M<usec>P<pid>Q<n>…` the delivery order. Names starting with `.` (`.noindex`) and
    /// non-regular files are skipped.
    public func messages() throws(MailboxError) -> [Message] {
        var result: [Message] = []
        for sub in [Subdirectory.new, .cur] {
            let dir = path + "/" + sub.rawValue
            guard isDirectory(dir) else { continue }
            for name in try Self.list(dir) where !name.hasPrefix(".") {
                let file = dir + "/" + name
                guard isRegularFile(file) else { continue }
                result.append(Message(path: file, subdirectory: sub, name: MaildirName(parsing: name)))
            }
        }
        return result.sorted {
            if $0.name.unique != $1.name.unique { return Self.naturallyPrecedes($0.name.unique, $1.name.unique) }
            return ($0.subdirectory == .new ? 0 : 1, $0.name.name) < ($1.subdirectory == .new ? 0 : 1, $1.name.name)
        }
    }

    /// Name order with runs of digits compared as numbers: `…Q9.host` before `…Q10.host`.
    /// Writers often number the deliveries of one microsecond without padding (ours: `Q<n>`),
    /// and plain byte order would put the tenth before the ninth.
    static func naturallyPrecedes(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        var i = 0, j = 0
        while i < x.count && j < y.count {
            if isDigit(x[i]) && isDigit(y[j]) {
                var ei = i, ej = j
                while ei < x.count && isDigit(x[ei]) { ei += 1 }
                while ej < y.count && isDigit(y[ej]) { ej += 1 }
                let u = x[i..<ei].drop { $0 == 0x30 }, v = y[j..<ej].drop { $0 == 0x30 }
                if u.count != v.count { return u.count < v.count }
                if !u.elementsEqual(v) { return u.lexicographicallyPrecedes(v) }
                i = ei
                j = ej
            } else {
                if x[i] != y[j] { return x[i] < y[j] }
                i += 1
                j += 1
            }
        }
        if x.count - i != y.count - j { return x.count - i < y.count - j }
        return a < b  // equal as numbers (leading zeros differ): any fixed order
    }

    /// The folders below this Maildir: subdirectories (other than `cur`, `new`, `tmp`) that are
    /// Maildirs, recursively, in name order; each with its path relative to this one.
    public func folders() throws(MailboxError) -> [(name: String, maildir: Maildir)] {
        var result: [(String, Maildir)] = []
        func walk(_ dir: String, _ prefix: String, depth: Int) throws(MailboxError) {
            guard depth < 32 else { return }  // symlink loops
            for name in try Self.list(dir) where name != "." && name != ".."
                && !["cur", "new", "tmp"].contains(name) {
                let child = dir + "/" + name
                guard isDirectory(child) else { continue }
                let relative = prefix.isEmpty ? name : prefix + "/" + name
                if Self.isMaildir(child) { result.append((relative, Maildir(path: child))) }
                try walk(child, relative, depth: depth + 1)
            }
        }
        try walk(path, "", depth: 0)
        return result
    }

    /// Reads a message file whole.
    public static func read(_ message: Message) throws(MailboxError) -> ByteView {
        let source = try FileSource(path: message.path)
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try chunk.withUnsafeMutableBytes { raw in
                Result { () throws(MailboxError) -> Int in try source.read(into: raw) }
            }.get()
            if n == 0 { break }
            out.append(contentsOf: chunk[..<n])
        }
        return ByteView(ByteStorage(out))
    }

    /// The names in a directory, sorted (`opendir(3)`/`readdir(3)`).
    static func list(_ dir: String) throws(MailboxError) -> [String] {
        guard let handle = opendir(dir) else {
            throw MailboxError(.open, path: dir, errno: errno, message: "cannot list directory")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The modification time of a file, in seconds since 1970 (`stat(2)`).
    public static func modificationTime(_ path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Glibc)
        return Int(info.st_mtim.tv_sec)
        #else
        return Int(info.st_mtimespec.tv_sec)
        #endif
    }
}

/// Whether `path` is a regular file (`stat(2)`, following symlinks).
func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}
