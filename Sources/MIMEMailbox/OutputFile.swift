#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Creating an output file that must not replace anything (O_CREAT | O_EXCL | O_NOFOLLOW).
public enum OutputFile {
    /// Writes `bytes` to a new file at `path`; fails if it exists. On error nothing is left behind.
    public static func create(_ path: String, bytes: ByteView) throws(InputFileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputFileError(.cannotCreate, path: path, errno: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0, fsync(fd) != 0 { failure = errno }
        close(fd)
        if failure != 0 {
            unlink(path)
            throw InputFileError(.io, path: path, errno: failure)
        }
    }
}

extension InputFileError.Code {
    public static let cannotCreate = InputFileError.Code(rawValue: "cannotCreate")
}
