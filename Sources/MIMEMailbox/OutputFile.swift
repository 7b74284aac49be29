#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// Creating an output file that must not replace anything (`extract -o`), through `NewFile`: the
/// bytes go to a temporary file next to it and are linked into place, so an existing file or a
/// planted symbolic link is never written through and a failed write leaves nothing behind.
public enum OutputFile {
    /// Writes `bytes` to a new file at `path`; fails (`cannotCreate`, `EEXIST`) if the name is
    /// taken. Errors name `path`.
    public static func create(_ path: String, bytes: ByteView,
                              fileSystem: any MailboxFileSystem = PosixFileSystem()) throws(InputFileError) {
        let slash = path.lastIndex(of: "/")
        let directoryPath = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty, name != ".", name != ".." else {
            throw InputFileError(.cannotCreate, path: path, errno: EISDIR)
        }
        let directory: Int32
        do {
            directory = try fileSystem.open(directoryPath, flags: O_RDONLY | O_DIRECTORY, mode: 0)
        } catch {
            throw InputFileError(.cannotCreate, path: path, errno: error.code)
        }
        defer { fileSystem.close(directory) }
        let created = NewFile(fileSystem: fileSystem)
        do {
            _ = try created.create(name, in: directory, directoryPath: ".", numbered: false) { sink in
                bytes.withUnsafeBytes { sink.write($0) }
            }
        } catch {
            // NewFile names the file relative to its directory; the caller gave `path`.
            throw InputFileError(error.code, path: path, errno: error.errno)
        }
    }
}

extension InputFileError.Code {
    public static let cannotCreate = InputFileError.Code(rawValue: "cannotCreate")
}
