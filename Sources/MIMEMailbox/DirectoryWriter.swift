#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Creates new files in one directory without ever replacing or escaping it: `openat` with
/// `O_CREAT | O_EXCL | O_NOFOLLOW` relative to the directory's descriptor, so a planted
/// symbolic link or an existing file is never written through. Used by `extract -d`.
public final class DirectoryWriter {
    public let path: String
    private let fd: Int32

    /// Opens `path`, creating it (mode 0755) if missing.
    public init(path: String) throws(InputFileError) {
        if !InputFile.isDirectory(path), mkdir(path, 0o755) != 0, errno != EEXIST {
            throw InputFileError(.cannotCreate, path: path, errno: errno)
        }
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError(.cannotOpen, path: path, errno: errno) }
        self.path = path
        self.fd = fd
    }

    deinit { close(fd) }

    /// Writes `bytes` to a new file named `name` (a single, already sanitised component); when
    /// that exists, `stem-1.ext`, `stem-2.ext`, … Returns the name used. A failed write leaves
    /// nothing behind.
    public func create(_ name: String, bytes: [UInt8]) throws(InputFileError) -> String {
        precondition(!name.contains("/") && name != "." && name != "..", "unsanitised name")
        var attempt = 0
        while true {
            let candidate = attempt == 0 ? name : Self.numbered(name, attempt)
            let file = openat(fd, candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            if file < 0 {
                if errno == EEXIST || errno == ELOOP { attempt += 1; continue }
                throw InputFileError(.cannotCreate, path: path + "/" + candidate, errno: errno)
            }
            var failure: Int32 = 0
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(file, raw.baseAddress! + offset, raw.count - offset)
                    if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                    offset += n
                }
            }
            if failure == 0, fsync(file) != 0 { failure = errno }
            close(file)
            if failure != 0 {
                unlinkat(fd, candidate, 0)
                throw InputFileError(.io, path: path + "/" + candidate, errno: failure)
            }
            return candidate
        }
    }

    /// `report.pdf` → `report-2.pdf`; `README` → `README-2`.
    static func numbered(_ name: String, _ n: Int) -> String {
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot])-\(n)\(name[dot...])"
        }
        return "\(name)-\(n)"
    }
}
