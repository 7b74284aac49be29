#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

/// The audited write path of `extract -o` (`OutputFile`) and `extract -d` (`DirectoryWriter`),
/// both through `NewFile`: with `ENOSPC` or `EIO` injected at each system call, the directory is
/// left exactly as it was (no partial file, no temporary file), the error names the file, and
/// files already there are untouched. Without faults: no overwrite, no symlink followed, `-N`
/// suffixes.
@Suite struct NewFileTests {
    /// A directory holding `keep.txt` ("old") and a symbolic link `link.txt` → `victim` outside.
    static func prepared() -> (dir: String, outside: String) {
        let outside = makeTemporaryDirectory()
        let dir = outside + "/out"
        _ = mkdir(dir, 0o755)
        writeFile(dir + "/keep.txt", Array("old".utf8))
        _ = symlink(outside + "/victim", dir + "/link.txt")
        return (dir, outside)
    }

    static func listing(_ dir: String) -> [String] {
        ((try? Maildir.list(dir)) ?? []).sorted()
    }

    /// Every way one call can fail, applied to a fresh `FaultyFileSystem`.
    static var faults: [(String, (FaultyFileSystem) -> Void, Int32)] { [
        ("ENOSPC mid-write", { $0.writeBudget = 1_000 }, ENOSPC),
        ("EIO on the first write", { $0.writeBudget = 0; $0.writeError = EIO }, EIO),
        ("EIO on fsync of the file", { $0.failFsync = 1 }, EIO),
        ("EIO on fsync of the directory", { $0.failFsync = 2 }, EIO),
        ("EIO on the link", { $0.failRename = 1 }, EIO),
    ] }

    static let payload = [UInt8](repeating: 0x41, count: 100_000)

    @Test func directoryWriterFaultsLeaveTheDirectoryAsItWas() throws {
        for (what, inject, expected) in Self.faults {
            let (dir, outside) = Self.prepared()
            defer { removeTree(outside) }
            let before = Self.listing(dir)
            let fs = FaultyFileSystem()
            let writer = try DirectoryWriter(path: dir, fileSystem: fs)
            inject(fs)
            let error = #expect(throws: InputFileError.self, "\(what)") { try writer.create("report.pdf", bytes: Self.payload) }
            #expect(error?.errno == expected, "\(what)")
            #expect(error?.path == dir + "/report.pdf", "\(what): the error names the file")
            #expect(Self.listing(dir) == before, "\(what): nothing new visible")
            #expect(try readFile(dir + "/keep.txt") == Array("old".utf8))
            #expect(access(outside + "/victim", F_OK) != 0, "\(what): nothing written through the link")
        }
    }

    @Test func openFailureOfTheTemporaryFileNamesTheTarget() throws {
        let (dir, outside) = Self.prepared()
        defer { removeTree(outside) }
        let fs = FaultyFileSystem()
        let writer = try DirectoryWriter(path: dir, fileSystem: fs)
        fs.failOpen = fs.openCalls + 1
        let error = #expect(throws: InputFileError.self) { try writer.create("a.bin", bytes: [1, 2, 3]) }
        #expect(error?.errno == EIO && error?.code == .cannotCreate)
        #expect(error?.path == dir + "/a.bin")
        #expect(Self.listing(dir) == ["keep.txt", "link.txt"])
    }

    @Test func outputFileFaultsLeaveNothingBehind() throws {
        for (what, inject, expected) in Self.faults {
            let (dir, outside) = Self.prepared()
            defer { removeTree(outside) }
            let fs = FaultyFileSystem()
            inject(fs)
            let bytes = ByteView(copying: Self.payload)
            let error = #expect(throws: InputFileError.self, "\(what)") { try OutputFile.create(dir + "/o.eml", bytes: bytes, fileSystem: fs) }
            #expect(error?.errno == expected, "\(what)")
            #expect(error?.path == dir + "/o.eml", "\(what)")
            #expect(Self.listing(dir) == ["keep.txt", "link.txt"], "\(what)")
        }
    }

    @Test func neverOverwritesNorFollowsLinks() throws {
        let (dir, outside) = Self.prepared()
        defer { removeTree(outside) }
        let writer = try DirectoryWriter(path: dir)
        #expect(try writer.create("keep.txt", bytes: Array("new".utf8)) == "keep-1.txt")
        #expect(try writer.create("keep.txt", bytes: Array("newer".utf8)) == "keep-2.txt")
        #expect(try writer.create("link.txt", bytes: Array("x".utf8)) == "link-1.txt")
        #expect(try readFile(dir + "/keep.txt") == Array("old".utf8))
        #expect(try readFile(dir + "/keep-2.txt") == Array("newer".utf8))
        #expect(access(outside + "/victim", F_OK) != 0)
        #expect(Self.listing(dir) == ["keep-1.txt", "keep-2.txt", "keep.txt", "link-1.txt", "link.txt"])

        for taken in ["keep.txt", "link.txt"] {
            let error = #expect(throws: InputFileError.self) {
                try OutputFile.create(dir + "/" + taken, bytes: ByteView(copying: Array("y".utf8)))
            }
            #expect(error?.code == .cannotCreate && error?.errno == EEXIST && error?.path == dir + "/" + taken)
        }
        #expect(try readFile(dir + "/keep.txt") == Array("old".utf8))
        #expect(access(outside + "/victim", F_OK) != 0)
        try OutputFile.create(dir + "/fresh.eml", bytes: ByteView(copying: Self.payload))
        #expect(try readFile(dir + "/fresh.eml") == Self.payload)
    }

    @Test func fileSystemsWithoutLinksGetARename() throws {
        let (dir, outside) = Self.prepared()
        defer { removeTree(outside) }
        let fs = FaultyFileSystem()
        fs.linksUnsupported = true
        let writer = try DirectoryWriter(path: dir, fileSystem: fs)
        #expect(try writer.create("keep.txt", bytes: [7]) == "keep-1.txt")
        #expect(try writer.create("link.txt", bytes: [8]) == "link-1.txt")
        #expect(try readFile(dir + "/keep-1.txt") == [7])
        #expect(try readFile(dir + "/keep.txt") == Array("old".utf8))
        #expect(Self.listing(dir) == ["keep-1.txt", "keep.txt", "link-1.txt", "link.txt"])
    }
}
