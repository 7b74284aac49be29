import Foundation
import MIMECore
import MIMEMailbox
import Testing

/// A message written straight to a file descriptor, in pieces, is the same bytes.
struct FileDescriptorSinkTests {
    @Test func writesAMessageThroughADescriptor() throws {
        var body = "From: a@example.org\nSubject: big\nMIME-Version: 1.0\nContent-Type: text/plain\n\n"
        for i in 0..<20_000 { body += "line \(i) of a body larger than the sink's buffer\n" }
        let message = Message(parsing: Array(body.utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString)").path
        defer { unlink(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        #expect(fd >= 0)
        var sink = FileDescriptorSink(descriptor: fd, name: path)
        message.write(to: &sink)
        try sink.finish()
        close(fd)
        #expect(sink.count == body.utf8.count)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(body.utf8))
    }

    @Test func reportsTheFirstErrorWithTheFileName() throws {
        var sink = FileDescriptorSink(descriptor: -1, name: "nowhere.eml")
        Array("x".utf8).withUnsafeBytes { sink.write($0) }
        #expect(throws: InputFileError.self) { try sink.finish() }
        do { try sink.finish() } catch { #expect(error.description.hasPrefix("nowhere.eml:")) }
    }
}
