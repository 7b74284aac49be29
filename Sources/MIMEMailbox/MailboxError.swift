#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An I/O failure while reading or writing a mailbox: the one kind of error this module throws.
///
/// Malformed mail is never an error (it yields `Defect`s); only the file system and the
/// decompressor can fail. The code is an open set (a struct with static members, not an enum),
/// so new codes can be added without breaking callers that switch over the ones they know.
public struct MailboxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable machine-readable name.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The file or directory could not be opened (`open(2)`, `opendir(3)`).
        public static let open = Code(rawValue: "open")
        /// Reading failed (`read(2)`).
        public static let read = Code(rawValue: "read")
        /// Writing failed (`write(2)`), e.g. `ENOSPC`.
        public static let write = Code(rawValue: "write")
        /// Flushing to disk failed (`fsync(2)`).
        public static let sync = Code(rawValue: "sync")
        /// The mailbox could not be locked (`fcntl(F_SETLKW)` or the dotlock).
        public static let lock = Code(rawValue: "lock")
        /// Moving a delivered file into place failed (`link(2)`, `rename(2)`).
        public static let rename = Code(rawValue: "rename")
        /// A directory or file could not be created (`mkdir(2)`, `O_CREAT|O_EXCL`).
        public static let create = Code(rawValue: "create")
        /// The compressed input is damaged (zlib).
        public static let decompress = Code(rawValue: "decompress")
        /// The path is not a mailbox of the expected kind.
        public static let notAMailbox = Code(rawValue: "notAMailbox")
        /// Refused so as not to overwrite or append to something the user did not ask to change.
        public static let refused = Code(rawValue: "refused")
    }

    public var code: Code
    /// The file the operation was about.
    public var path: String
    /// The `errno` reported by the failing call, or 0 when there was none.
    public var errno: Int32
    /// What was being done, in words (e.g. "cannot write message").
    public var message: String
    /// The byte offset in the file where it applies, when there is one.
    public var offset: Int?

    public init(_ code: Code, path: String, errno: Int32 = 0, message: String, offset: Int? = nil) {
        self.code = code
        self.path = path
        self.errno = errno
        self.message = message
        self.offset = offset
    }

    public var description: String {
        var text = "\(path)"
        if let offset { text += " at offset \(offset)" }
        text += ": \(message)"
        if errno != 0 { text += ": \(String(cString: strerror(errno)))" }
        return text
    }
}

/// An `errno` value from a system call, thrown by the `MailboxFileSystem` seam before it is
/// wrapped into a `MailboxError` that names the file.
public struct Errno: Error, Sendable, Hashable {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
    /// The current thread's `errno`.
    public static var current: Errno { Errno(errno) }
}
