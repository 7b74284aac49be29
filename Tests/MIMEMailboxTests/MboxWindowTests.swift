#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

/// The windowed file reader (plain and gzip) gives exactly the whole-buffer reader's entries.
@Suite struct MboxWindowTests {
    /// A comparable summary of an entry: everything but the storage identity.
    struct Summary: Equatable, CustomStringConvertible {
        var offset, length, messageOffset, quoted: Int
        var fromLine: Range<Int>?
        var envelope: MboxEnvelope?
        var raw: [UInt8]
        var defects: [Defect]
        init(_ e: MboxEntry) {
            offset = e.offset; length = e.length; messageOffset = e.messageOffset; quoted = e.quotedLineCount
            fromLine = e.fromLineRange; envelope = e.envelope; raw = e.rawMessage.bytes; defects = e.defects
        }
        var description: String { "entry@\(offset)+\(length) msg@\(messageOffset) \(defects)" }
    }

    static func fileEntries(_ path: String, window: Int, sharing: Bool = false) throws -> [Summary] {
        var options = MboxReadOptions()
        options.windowSize = window
        options.entriesShareWindow = sharing
        var reader = try MboxFileReader(path: path, options: options)
        // Entries are kept until the end, so shared windows must outlive the reader's later reads.
        var kept: [MboxEntry] = []
        while let e = try reader.next() { kept.append(e) }
        return kept.map(Summary.init)
    }

    /// A synthetic mbox with every framing feature, some lines longer than a window.
    static let synthetic: [UInt8] = {
        var s = "\u{FEFF}\n"
        for i in 0..<40 {
            s += "From sender\(i)@example.com Thu Jan  1 00:00:\(String(format2: i % 60)) 1970\n"
            if i % 3 == 0 {
                let body = "x\n\nFrom x@y Thu Jan  1 00:00:00 1970\n" + String(repeating: "y", count: i * 200) + "\n"
                s += "Content-Length: \(body.utf8.count)\nSubject: \(i)\n\n" + body + "\n"
            } else {
                s += "Subject: \(i)\n\n>From quoted\n>>From twice\nFrom Russia with love\n" + String(repeating: "z", count: i * 97) + "\n\n"
            }
        }
        return Array(s.utf8)
    }()

    static func inputs() throws -> [(String, [UInt8])] {
        var result = [("synthetic", synthetic), ("synthetic-crlf", toCRLF(synthetic))]
        for name in ["mimekit/mbox/content-length.mbox.txt", "mimekit/mbox/issue1189.mbox.txt",
                     "mimekit/mbox/unmunged.mbox.txt", "gmime/mbox/input/substring.mbox"] {
            guard let path = SharedCorpus.path(name) else { continue }
            let bytes = try readFile(path)
            result.append((name, bytes))
            result.append((name + " (CRLF)", toCRLF(bytes)))
        }
        return result
    }

    @Test func windowedReaderMatchesWholeBuffer() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        for (name, bytes) in try Self.inputs() {
            let expected = readAll(bytes).map(Summary.init)
            #expect(!expected.isEmpty)
            let path = dir + "/in.mbox"
            writeFile(path, bytes)
            for window in [1 << 10, 1 << 12, 1 << 20] {
                let got = try Self.fileEntries(path, window: window)
                #expect(got == expected, "\(name), window \(window)")
                let shared = try Self.fileEntries(path, window: window, sharing: true)
                #expect(shared == expected, "\(name), window \(window), entries sharing the window")
            }
        }
    }

    @Test func gzipSingleAndMultiMember() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        for (name, bytes) in try Self.inputs() {
            let expected = readAll(bytes).map(Summary.init)
            writeFile(dir + "/a", Array(bytes[..<(bytes.count / 3)]))
            writeFile(dir + "/b", Array(bytes[(bytes.count / 3)...]))
            writeFile(dir + "/all", bytes)
            #expect(system("cd '\(dir)' && gzip -c all > one.gz && gzip -c a > two.gz && gzip -c b >> two.gz") == 0)
            for file in ["one.gz", "two.gz"] {
                var reader = try MboxFileReader(path: dir + "/" + file, options: MboxReadOptions())
                #expect(reader.isCompressed)
                var got: [Summary] = []
                while let e = try reader.next() { got.append(Summary(e)) }
                #expect(got == expected, "\(name) \(file)")
                #expect(try Self.fileEntries(dir + "/" + file, window: 1 << 10) == expected, "\(name) \(file) 1 KiB")
                #expect(try Self.fileEntries(dir + "/" + file, window: 1 << 10, sharing: true) == expected,
                        "\(name) \(file) 1 KiB, shared")
            }
        }
    }

    @Test func damagedGzipThrowsNamingTheFile() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        writeFile(dir + "/all", Self.synthetic)
        #expect(system("cd '\(dir)' && gzip -c all | head -c 300 > cut.gz") == 0)
        var reader = try MboxFileReader(path: dir + "/cut.gz")
        let error = #expect(throws: MailboxError.self) { while try reader.next() != nil {} }
        #expect(error?.code == .decompress)
        #expect(error?.path == dir + "/cut.gz")
        #expect(throws: MailboxError.self) { try MboxFileReader(path: dir + "/missing") }
    }

    /// Zero padding after the last member (tape tools add it) is ignored, not an error.
    @Test func gzipTrailingPaddingIsIgnored() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        writeFile(dir + "/all", Self.synthetic)
        #expect(system("cd '\(dir)' && gzip -c all > pad.gz && head -c 512 /dev/zero >> pad.gz") == 0)
        let file = try FileSource(path: dir + "/pad.gz")
        let gzip = try GzipSource(file, path: dir + "/pad.gz")
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try gzip.read(into: $0) }
            if n == 0 { break }
            out += chunk[..<n]
        }
        #expect(out == Self.synthetic)
        #expect(gzip.trailingGarbage)
    }
}

extension String {
    init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}
