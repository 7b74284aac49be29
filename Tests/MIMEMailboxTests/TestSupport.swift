#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

/// Access to `../shared/corpus` (relative to the package root). Missing: the tests that need it
/// skip with a message, unless `MAILPARSE_REQUIRE_SHARED=1`, when they fail.
enum SharedCorpus {
    static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/MIMEMailboxTests/TestSupport.swift
        return parts.joined(separator: "/") + "/../shared/corpus"
    }()

    static var required: Bool { getenv("MAILPARSE_REQUIRE_SHARED").map { String(cString: $0) == "1" } ?? false }

    /// The path of `relative` in the corpus, or nil (recording an issue if it is required).
    static func path(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        let path = root + "/" + relative
        if access(path, R_OK) == 0 { return path }
        if required {
            Issue.record("shared corpus file missing: \(path)", sourceLocation: sourceLocation)
        } else {
            print("skipping: shared corpus not found at \(path)")
        }
        return nil
    }
}

/// Reads a whole file (test helper; the library reads in windows).
func readFile(_ path: String) throws -> [UInt8] {
    let source = try FileSource(path: path)
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
        if n == 0 { return out }
        out.append(contentsOf: chunk[..<n])
    }
}

/// Writes bytes to a new file.
func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(fd >= 0, "cannot create \(path)")
    bytes.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// A fresh empty directory under /tmp, for one test.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/mailparse-mbox-test-XXXXXX".utf8CString)
    let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(p != nil)
    return String(cString: p!)
}

/// Removes a directory tree (test cleanup; paths made by `makeTemporaryDirectory` only).
func removeTree(_ path: String) {
    precondition(path.hasPrefix("/tmp/mailparse-mbox-test-"))
    _ = system("rm -rf '\(path)'")
}

/// Every LF turned into CRLF (the corpus' `*.dos-offsets.json` describe this form).
func toCRLF(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + bytes.count / 20)
    for b in bytes {
        if b == 0x0A { out.append(0x0D) }
        out.append(b)
    }
    return out
}

/// The integers after each `"key":` in a JSON text, in order (enough for the offset files).
func jsonIntegers(_ text: [UInt8], key: String) -> [Int] {
    let needle = Array("\"\(key)\":".utf8)
    var result: [Int] = []
    var i = 0
    while i + needle.count <= text.count {
        if text[i] == needle[0] && Array(text[i..<i + needle.count]) == needle {
            var j = i + needle.count
            while j < text.count && text[j] == 0x20 { j += 1 }
            var n = 0
            while j < text.count && text[j] >= 0x30 && text[j] <= 0x39 { n = n * 10 + Int(text[j] - 0x30); j += 1 }
            result.append(n)
            i = j
        } else {
            i += 1
        }
    }
    return result
}

/// The lines of `bytes` (split at LF, LF removed).
func lines(_ bytes: [UInt8]) -> [[UInt8]] {
    bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
}

/// All entries of a whole-buffer read.
func readAll(_ bytes: [UInt8], _ options: MboxReadOptions = MboxReadOptions()) -> [MboxEntry] {
    Array(MboxReader(ByteView(copying: bytes), options: options))
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
