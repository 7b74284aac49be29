#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Creates new files in one directory without ever replacing or escaping it (`extract -d`):
/// each file goes through `NewFile` relative to the directory's descriptor, so a planted
/// symbolic link or an existing file is never written through (the name gets `-1`, `-2`, …
/// instead) and a failed write leaves nothing behind.
public final class DirectoryWriter {
    public let path: String
    private let fd: Int32
    private let files: NewFile

    /// Opens `path`, creating it (mode 0755) if missing.
    public init(path: String, fileSystem: any MailboxFileSystem = PosixFileSystem()) throws(InputFileError) {
        if !InputFile.isDirectory(path) {
            do { try fileSystem.mkdir(path, mode: 0o755) } catch where error.code == EEXIST {
            } catch {
                throw InputFileError(.cannotCreate, path: path, errno: error.code)
            }
        }
        do {
            fd = try fileSystem.open(path, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        } catch {
            throw InputFileError(.cannotOpen, path: path, errno: error.code)
        }
        self.path = path
        files = NewFile(fileSystem: fileSystem)
    }

    deinit { files.fileSystem.close(fd) }

    /// Writes `bytes` to a new file named `name` (a single, already sanitised component); when
    /// that exists, `stem-1.ext`, `stem-2.ext`, … Returns the name used. A failed write leaves
    /// nothing behind and names the file.
    public func create(_ name: String, bytes: [UInt8]) throws(InputFileError) -> String {
        precondition(!name.contains("/") && name != "." && name != "..", "unsanitised name")
        return try files.create(name, in: fd, directoryPath: path, numbered: true) { sink in
            bytes.withUnsafeBytes { sink.write($0) }
        }
    }
}
