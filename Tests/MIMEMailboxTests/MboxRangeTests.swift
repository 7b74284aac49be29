#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
@testable import MIMEMailbox
import Testing

/// `startingAt:` (what `list --range START:END` needs): reading from any offset gives exactly
/// the entries a full read gives from that offset on.
@Suite struct MboxRangeTests {
    typealias Summary = MboxWindowTests.Summary

    @Test func startingAnywhereMatchesTheFullRead() throws {
        let dir = makeTemporaryDirectory()
        defer { removeTree(dir) }
        let options = MboxReadOptions(format: .mboxrd)  // Content-Length off: every valid From line splits
        for (name, bytes) in try MboxWindowTests.inputs() {
            let all = readAll(bytes, options).map(Summary.init)
            var offsets = Array(stride(from: 0, through: bytes.count + 1, by: Swift.max(1, bytes.count / 40)))
            for e in all { offsets += [e.offset - 1, e.offset, e.offset + 1] }
            let path = dir + "/r.mbox"
            writeFile(path, bytes)
            #expect(system("cd '\(dir)' && gzip -c r.mbox > r.mbox.gz") == 0)
            for offset in offsets where offset >= 0 {
                // Entries whose From line starts a line (not the one after the BOM) at or after it.
                let expected = offset == 0 ? all : all.filter { $0.offset >= offset && bytes[$0.offset - 1] == 0x0A }
                let view = ByteView(copying: bytes)
                let got = Array(MboxReader(view, options: options, startingAt: offset)).map(Summary.init)
                #expect(got.map(\.offset) == expected.map(\.offset), "\(name) from \(offset)")
                #expect(got.dropFirst() == expected.dropFirst(), "\(name) from \(offset)")
            }
            // The file readers (lseek for plain files, skipping for gzip) at a few offsets.
            var fileOffsets = [1, bytes.count / 2, bytes.count]
            if all.count > 1 { fileOffsets += [all[1].offset, all[1].offset + 1, all[all.count - 1].offset - 1] }
            for offset in fileOffsets {
                let got = Array(MboxReader(ByteView(copying: bytes), options: options, startingAt: offset)).map(Summary.init)
                for file in offset == bytes.count / 2 ? [path, path + ".gz"] : [path] {
                    var o = options
                    o.windowSize = 1 << 10
                    var reader = try MboxFileReader(path: file, options: o, startingAt: offset)
                    var fromFile: [Summary] = []
                    while let e = try reader.next() { fromFile.append(Summary(e)) }
                    #expect(fromFile == got, "\(name) \(file) from \(offset)")
                }
            }
        }
    }
}
