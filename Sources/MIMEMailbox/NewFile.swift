#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The one way the library creates a standalone output file (`extract -o`, `extract -d`): the
/// file appears whole, durable and under a name nobody else had, or not at all.
///
/// 1. The bytes go to a temporary name in the target directory (`.mailparse-PID-N.tmp`,
///    `O_CREAT | O_EXCL | O_NOFOLLOW`), through `FileDescriptorSink`, and are `fsync`ed.
/// 2. The temporary file is hard-linked to the final name with `linkat(2)`, which fails with
///    `EEXIST` instead of replacing a file and never follows a symbolic link planted there;
///    with `numbered`, `stem-1.ext`, `stem-2.ext`, … are tried in turn.
/// 3. The temporary name is removed and the directory `fsync`ed, so the entry is durable.
///
/// Any failure (`ENOSPC` or `EIO` from a write, `fsync`, the link, opening the file) removes
/// what was created and throws an `InputFileError` naming the final file, so the directory is
/// as it was. Every call goes through a `MailboxFileSystem`, so tests inject those failures.
///
/// Deviations:
/// 1. On file systems without hard links (`link` fails with `EPERM`, `ENOTSUP`, `EOPNOTSUPP`
///    or `EMLINK`), the file is renamed into place after checking the name is free
///    (`fstatat` without following links); that check and the rename are not atomic.
/// 2. A temporary file whose removal fails after a successful link stays behind (its content is
///    the final file's); the result is still reported as written.
public struct NewFile {
    /// The calls that change files.
    public let fileSystem: any MailboxFileSystem
    /// Whether to `fsync` the file and its directory (tests of the failure paths keep it on).
    public var sync = true

    /// Creates files through `fileSystem`.
    public init(fileSystem: any MailboxFileSystem = PosixFileSystem()) {
        self.fileSystem = fileSystem
    }

    /// Creates `name` (one path component) in the open directory `directory`, whose path (for
    /// messages) is `directoryPath`; `write` produces the content into the sink. Returns the
    /// name used: `name`, or with `numbered` a `-N` variant when `name` is taken.
    public func create(
        _ name: String, in directory: Int32, directoryPath: String, numbered: Bool,
        write: (inout FileDescriptorSink) -> Void
    ) throws(InputFileError) -> String {
        precondition(!name.isEmpty && !name.contains("/") && name != "." && name != "..", "not one path component")
        let shown = { (candidate: String) in directoryPath == "." ? candidate : directoryPath + "/" + candidate }
        let (temporary, fd) = try openTemporary(in: directory, directoryPath: directoryPath, for: shown(name))
        var sink = FileDescriptorSink(descriptor: fd, name: shown(name), fileSystem: fileSystem)
        write(&sink)
        do throws(InputFileError) {
            try sink.finish()
            if sync {
                do throws(Errno) { try fileSystem.fsync(fd) } catch { throw InputFileError(.io, path: shown(name), errno: error.code) }
            }
        } catch {
            fileSystem.close(fd)
            try? fileSystem.unlink(temporary, relativeTo: directory)
            throw error
        }
        fileSystem.close(fd)
        defer { try? fileSystem.unlink(temporary, relativeTo: directory) }

        var attempt = 0
        while true {
            let candidate = attempt == 0 ? name : Self.numbered(name, attempt)
            do throws(Errno) {
                try place(temporary, as: candidate, in: directory)
            } catch where error.code == EEXIST && numbered {
                attempt += 1
                continue
            } catch {
                let code: InputFileError.Code = error.code == EEXIST ? .cannotCreate : .io
                throw InputFileError(code, path: shown(candidate), errno: error.code)
            }
            if sync {
                do throws(Errno) { try fileSystem.fsync(directory) } catch {
                    try? fileSystem.unlink(candidate, relativeTo: directory)
                    throw InputFileError(.io, path: shown(candidate), errno: error.code)
                }
            }
            return candidate
        }
    }

    /// A fresh temporary file in `directory`, open for writing.
    private func openTemporary(in directory: Int32, directoryPath: String, for shown: String)
        throws(InputFileError) -> (String, Int32) {
        while true {
            let name = ".mailparse-\(getpid())-\(Self.serials.add(1, ordering: .relaxed).newValue).tmp"
            do throws(Errno) {
                let fd = try fileSystem.open(name, relativeTo: directory,
                                             flags: O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o644)
                return (name, fd)
            } catch where error.code == EEXIST {
                continue
            } catch {
                throw InputFileError(.cannotCreate, path: shown, errno: error.code)
            }
        }
    }

    /// Links `temporary` to `candidate`, or renames it where links are not supported.
    private func place(_ temporary: String, as candidate: String, in directory: Int32) throws(Errno) {
        do throws(Errno) {
            try fileSystem.link(temporary, candidate, relativeTo: directory)
        } catch where [EPERM, ENOTSUP, EOPNOTSUPP, EMLINK].contains(error.code) {
            var info = stat()
            if fstatat(directory, candidate, &info, AT_SYMLINK_NOFOLLOW) == 0 { throw Errno(EEXIST) }
            try fileSystem.rename(temporary, candidate, relativeTo: directory)
        }
    }

    /// Serial numbers for temporary names, distinct within the process.
    private static let serials = Atomic<Int>(0)

    /// `report.pdf` → `report-2.pdf`; `README` → `README-2`.
    static func numbered(_ name: String, _ n: Int) -> String {
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            return "\(name[..<dot])-\(n)\(name[dot...])"
        }
        return "\(name)-\(n)"
    }
}
