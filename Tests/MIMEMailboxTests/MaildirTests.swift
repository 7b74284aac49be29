#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

@Suite struct MaildirTests {
    @Test func muTestdirFlagsAndTmpIgnored() throws {
        guard let path = SharedCorpus.path("mu/testdata/testdir") else { return }
        let messages = try Maildir(path: path).messages()
        #expect(messages.filter { $0.subdirectory == .new }.count == 4)
        #expect(messages.filter { $0.subdirectory == .cur }.count == 15)
        #expect(!messages.contains { $0.path.contains("/tmp/") })
        let byName = Dictionary(uniqueKeysWithValues: messages.map { ($0.name.unique, $0) })
        #expect(byName["1220863087.12663_15.mindcrime"]?.flags.letters == "PS")
        #expect(byName["multimime"]?.flags.letters == "FS")
        #expect(byName["special"]?.flags.letters == "Sabc")
        #expect(byName["special"]?.flags.keywords == Set("abc".utf8))
        #expect(byName["1305664394.2171_402.cthulhu"]?.flags.isEmpty == true)
        #expect(byName["1220863087.12663_23.mindcrime"]?.flags.isEmpty == true)
        #expect(messages.allSatisfy { $0.name.defects.isEmpty })
        #expect(try messages.allSatisfy { try Maildir.read($0).count > 0 })
    }

    @Test func muFoldersAndDotFilesSkipped() throws {
        guard let path = SharedCorpus.path("mu/testdata/testdir2") else { return }
        let folders = try Maildir(path: path).folders()
        #expect(folders.map(\.name) == ["Foo", "bar", "wom_bat"])
        #expect(try folders.map { try $0.maildir.messages().count } == [3, 8, 3])
        guard let cjk = SharedCorpus.path("mu/testdata/cjk") else { return }
        #expect(Maildir.isMaildir(cjk))
        #expect(try Maildir(path: cjk).messages().count == 4)
    }

    @Test func notmuchNestedFolders() throws {
        guard let path = SharedCorpus.path("notmuch/corpora/default") else { return }
        let root = Maildir(path: path)
        #expect(try root.messages().count == 26)
        let folders = try root.folders()
        #expect(folders.map(\.name) == ["bar", "bar/baz", "foo", "foo/baz"])
        #expect(try folders.map { try $0.maildir.messages().count } == [4, 4, 5, 4])
    }

    @Test(arguments: [
        ("1.M2P3.host,S=1234,W=1260:2,FRS", "1.M2P3.host,S=1234,W=1260", "FRS", 1234, 1260),
        ("msg!2,PS", "msg", "PS", nil, nil),
        ("msg", "msg", "", nil, nil),
        ("msg:2,", "msg", "", nil, nil),
        ("a:b:2,T", "a:b", "T", nil, nil),
    ] as [(String, String, String, Int?, Int?)])
    func names(name: String, unique: String, flags: String, size: Int?, w: Int?) {
        let parsed = MaildirName(parsing: name)
        #expect(parsed.unique == unique)
        #expect(parsed.flags.letters == flags)
        #expect(parsed.size == size && parsed.rfc822Size == w)
        #expect(parsed.defects.isEmpty)
    }

    @Test func nameDefects() {
        #expect(MaildirName(parsing: "x:2,SX").defects.map(\.kind) == [.maildirUnknownFlag])
        #expect(MaildirName(parsing: "x:2,SX").flags.letters == "S")
        #expect(MaildirName(parsing: "x:1,whatever").defects.map(\.kind) == [.maildirUnknownInfo])
        #expect(MaildirFlags("zSaF").letters == "FSaz")
    }

    @Test func deliveryNamesFlagsAndMtime() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let writer = try MaildirWriter(path: dir + "/box")
        let message = Array("Subject: x\n\nbody\n".utf8)
        let new = try writer.deliver(ByteView(copying: message), modificationTime: 1_000_000_000)
        let cur = try writer.deliver(ByteView(copying: message), flags: MaildirFlags("SR"))
        #expect(new.hasPrefix(dir + "/box/new/"))
        #expect(cur.hasPrefix(dir + "/box/cur/") && cur.hasSuffix(",S=17:2,RS"))
        let name = String(new.split(separator: "/").last!)
        // <sec>.M<usec>P<pid>Q<n>.<host>,S=<size>
        let parts = name.split(separator: ".", maxSplits: 2)
        #expect(Int(parts[0]) != nil)
        #expect(parts[1].hasPrefix("M") && parts[1].contains("P\(getpid())Q1"))
        #expect(!parts[2].contains("/") && !parts[2].contains(":"))
        #expect(name.hasSuffix(",S=17"))
        #expect(try readFile(new) == message)
        #expect(Maildir.modificationTime(new) == 1_000_000_000)
        #expect(try Maildir.list(dir + "/box/tmp").isEmpty)
        let read = try Maildir(path: dir + "/box").messages()
        #expect(read.map(\.subdirectory) == [.new, .cur])
        #expect(read[1].flags.letters == "RS" && read[1].name.size == 17)
    }

    @Test func enospcDuringDeliveryLeavesNothingVisible() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let fs = FaultyFileSystem()
        let writer = try MaildirWriter(path: dir + "/box", fileSystem: fs)
        let big = ByteView(copying: [UInt8](repeating: 0x41, count: 10_000))
        fs.writeBudget = 15_000  // the second message of the batch hits a full disk
        let error = #expect(throws: MailboxError.self) {
            try writer.deliver(batch: [MaildirWriter.Item(big), MaildirWriter.Item(big), MaildirWriter.Item(big)])
        }
        #expect(error?.errno == ENOSPC)
        for sub in ["tmp", "new", "cur"] { #expect(try Maildir.list(dir + "/box/" + sub).isEmpty, "\(sub)/ empty") }
        // An EIO on the second link rolls back the first.
        fs.writeBudget = .max
        fs.failRename = fs.renameCalls + 2
        #expect(throws: MailboxError.self) {
            try writer.deliver(batch: [MaildirWriter.Item(big), MaildirWriter.Item(big, flags: MaildirFlags("S"))])
        }
        for sub in ["tmp", "new", "cur"] { #expect(try Maildir.list(dir + "/box/" + sub).isEmpty, "\(sub)/ empty") }
        // A failing fsync of the file: never linked.
        fs.failFsync = fs.fsyncCalls + 1
        #expect(throws: MailboxError.self) { try writer.deliver(big) }
        for sub in ["tmp", "new", "cur"] { #expect(try Maildir.list(dir + "/box/" + sub).isEmpty, "\(sub)/ empty") }
    }

    /// Durability order of a batch: every file fsync before any link, one fsync per target
    /// directory after the links.
    @Test func batchSyncOrder() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let fs = FaultyFileSystem()
        let writer = try MaildirWriter(path: dir + "/box", fileSystem: fs)
        let m = ByteView(copying: Array("A: 1\n\n".utf8))
        let paths = try writer.deliver(batch: [MaildirWriter.Item(m), MaildirWriter.Item(m), MaildirWriter.Item(m, flags: MaildirFlags("S"))])
        #expect(paths.count == 3)
        let ops = fs.log.filter { !$0.hasPrefix("open") || $0.hasSuffix("/cur/") || $0.hasSuffix("/new/") }
        let kinds = ops.map { $0.hasPrefix("renamex") ? "place" : $0.hasPrefix("open") ? "opendir" : $0 }
        #expect(kinds == ["fsync", "fsync", "fsync", "place", "place", "place", "opendir", "fsync", "opendir", "fsync"])
        #expect(try Maildir.list(dir + "/box/tmp").isEmpty)
    }

    /// Not syncing, each file is moved out of `tmp/` as soon as it is written (one `tmp/` entry
    /// at a time); a failure still takes back the batch's files already placed.
    @Test func unsyncedBatchPlacesEachFileAtOnceAndStaysAllOrNothing() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let fs = FaultyFileSystem()
        let writer = try MaildirWriter(path: dir + "/box", sync: false, fileSystem: fs)
        let m = ByteView(copying: Array("A: 1\n\nbody\n".utf8))
        let paths = try writer.deliver(batch: [MaildirWriter.Item(m), MaildirWriter.Item(m, flags: MaildirFlags("S")), MaildirWriter.Item(m)])
        let kinds = fs.log.map { $0.hasPrefix("open tmp/") ? "create" : $0.hasPrefix("renamex") ? "place" : $0 }
        #expect(kinds == ["create", "place", "create", "place", "create", "place"])
        #expect(try paths.map { try readFile($0) } == [m.bytes, m.bytes, m.bytes])
        fs.failRename = fs.renameCalls + 3
        #expect(throws: MailboxError.self) {
            try writer.deliver(batch: [MaildirWriter.Item(m), MaildirWriter.Item(m, flags: MaildirFlags("S")), MaildirWriter.Item(m)])
        }
        #expect(try Maildir.list(dir + "/box/new").count == 2 && Maildir.list(dir + "/box/cur").count == 1)
        #expect(try Maildir.list(dir + "/box/tmp").isEmpty)
    }

    /// Without `RENAME_NOREPLACE` (`EINVAL`, as on NFS) delivery falls back to link + unlink,
    /// asking `renameat2` only once; the order and the outcome are the same.
    @Test func deliveryWithoutRenameNoReplaceLinks() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let fs = FaultyFileSystem()
        fs.noReplaceUnsupported = true
        let writer = try MaildirWriter(path: dir + "/box", fileSystem: fs)
        let m = ByteView(copying: Array("A: 1\n\nbody\n".utf8))
        let paths = try writer.deliver(batch: [MaildirWriter.Item(m), MaildirWriter.Item(m, flags: MaildirFlags("S"))])
        #expect(fs.log.filter { $0.hasPrefix("link") || $0.hasPrefix("renamex") }.map { String($0.prefix(4)) } == ["link", "link"])
        #expect(try paths.map { try readFile($0) } == [m.bytes, m.bytes])
        #expect(try Maildir.list(dir + "/box/tmp").isEmpty, "the tmp/ names are removed after linking")
        // An EIO on the second link rolls back the first, and leaves tmp/ empty.
        fs.failRename = fs.renameCalls + 2
        #expect(throws: MailboxError.self) { try writer.deliver(batch: [MaildirWriter.Item(m), MaildirWriter.Item(m)]) }
        #expect(try Maildir.list(dir + "/box/new").count == 1 && Maildir.list(dir + "/box/tmp").isEmpty)
    }

    /// A name already taken in `new/` is never replaced: the message gets a fresh name, which
    /// `willRename` reports before the move, and the existing file keeps its bytes.
    @Test func deliveryNeverOverwritesATakenName() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        for unsupported in [false, true] {
            let fs = FaultyFileSystem()
            fs.noReplaceUnsupported = unsupported
            let box = dir + "/box\(unsupported)"
            let writer = try MaildirWriter(path: box, sync: false, fileSystem: fs)
            let name = writer.uniqueName(size: 6)
            writeFile(box + "/new/" + name, Array("theirs".utf8))
            var renamed: [(Int, String)] = []
            let mine = ByteView(copying: Array("mine!\n".utf8))
            let paths = try writer.deliver(batch: [MaildirWriter.Item(mine)], names: [name]) { renamed.append(($0, $1)) }
            #expect(try readFile(box + "/new/" + name) == Array("theirs".utf8))
            #expect(renamed.count == 1 && renamed[0].0 == 0 && paths == [box + "/new/" + renamed[0].1])
            #expect(try readFile(paths[0]) == mine.bytes)
            #expect(try Maildir.list(box + "/tmp").isEmpty)
        }
    }

    /// Names made within one microsecond differ only in the unpadded counter: `Q9` must still
    /// come before `Q10`, so a Maildir → mbox conversion keeps the delivery order.
    @Test func namesSortWithNumbersAsNumbers() throws {
        #expect(Maildir.naturallyPrecedes("1.M000001P7Q9.h", "1.M000001P7Q10.h"))
        #expect(!Maildir.naturallyPrecedes("1.M000001P7Q10.h", "1.M000001P7Q9.h"))
        #expect(Maildir.naturallyPrecedes("99.M1", "100.M0"))
        #expect(Maildir.naturallyPrecedes("a", "a1") && !Maildir.naturallyPrecedes("a1", "a"))
        #expect(Maildir.naturallyPrecedes("x01", "x1") != Maildir.naturallyPrecedes("x1", "x01"))
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let writer = try MaildirWriter(path: dir + "/box", sync: false)
        let messages = (0..<40).map { ByteView(copying: Array("N: \($0)\n\n".utf8)) }
        let names = messages.map { writer.uniqueName(size: $0.count) }  // as the converter does: many per µs
        _ = try writer.deliver(batch: messages.map { MaildirWriter.Item($0) }, names: names)
        #expect(try Maildir(path: dir + "/box").messages().map { try Maildir.read($0).bytes } == messages.map(\.bytes))
    }
}

@Suite struct MaildirPlusPlusTests {
    @Test func dotFoldersAreFound() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let m = ByteView(copying: Array("Return-Path: <x@y>\nStatus: RO\n\nz\n".utf8))
        for folder in ["", "/.Sent", "/.Lists.swift"] {
            try MaildirWriter(path: dir + "/box" + folder, sync: false).deliver(m, flags: MaildirFlags("S"))
        }
        writeFile(dir + "/box/.Sent/cur/.hidden", [])
        let folders = try Maildir(path: dir + "/box").folders()
        #expect(folders.map(\.name) == [".Lists.swift", ".Sent"])
        #expect(try folders.map { try $0.maildir.messages().count } == [1, 1])
        #expect(MailboxFlagMapping.flags(of: m)?.letters == "S")
        #expect(MailboxFlagMapping.sender(of: m) == "x@y")
        #expect(MailboxFlagMapping.flags(of: ByteView(copying: Array("A: b\n\n".utf8))) == nil)
    }
}
