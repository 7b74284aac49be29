import Foundation
import Testing

/// The CLI tested as a user runs it: the built binary, its stdout against goldens, its exit status.
struct CLITests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `mailparse` binary beside the test bundle in the build directory.
    static var binary: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        if dir.pathExtension == "xctest" || dir.lastPathComponent == "MacOS" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("mailparse")
    }

    struct Result { var status: Int32; var stdout: Data; var stderr: String }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func golden(_ name: String) throws -> Data {
        try Data(contentsOf: repository.appendingPathComponent("Tests/CLITests/Goldens/\(name)"))
    }

    @Test(arguments: [
        (["dump", "Corpus/messages/nested-rfc822.eml"], "dump-nested.txt"),
        (["dump", "--json", "Corpus/messages/nested-rfc822.eml"], "dump-nested.json"),
        (["stats", "--json", "Corpus/sample.mbox", "Corpus/messages/missing-close.eml"], "stats-sample.json"),
    ])
    func outputMatchesGolden(arguments: [String], golden: String) throws {
        let result = try Self.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == (try Self.golden(golden)), "\(String(decoding: result.stdout, as: UTF8.self))")
    }

    @Test func dumpJSONIsValidAndDescribesEveryPart() throws {
        let result = try Self.run(["dump", "--json", "Corpus/sample.mbox"])
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4)
        for (n, line) in lines.enumerated() {
            let doc = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(doc["message"] as? Int == n + 1)
            let parts = doc["parts"] as! [[String: Any]]
            for part in parts {
                for key in ["index", "depth", "mediaType", "charset", "transferEncoding", "disposition", "filename",
                            "headerOffset", "bodyOffset", "endOffset", "octets", "lines", "defects"] {
                    #expect(part.keys.contains(key), "missing \(key)")
                }
                #expect(part["octets"] as! Int == (part["endOffset"] as! Int) - (part["bodyOffset"] as! Int))
            }
        }
    }

    @Test func extractRawBodyHeaderAndEntity() throws {
        let file = "Corpus/messages/nested-rfc822.eml"
        #expect(String(decoding: try Self.run(["extract", "--part", "2", "--raw", file]).stdout, as: UTF8.self)
                == "See the forwarded message.")
        #expect(String(decoding: try Self.run(["extract", "--part", "2", "--header", file]).stdout, as: UTF8.self)
                == "Content-Type: text/plain; charset=us-ascii\n\n")
        let entity = try Self.run(["extract", "--part", "5", "--entity", file]).stdout
        #expect(String(decoding: entity, as: UTF8.self)
                == "Content-Type: text/plain; charset=utf-8\n\nFirst actual case of bug being found.")
        let whole = try Data(contentsOf: Self.repository.appendingPathComponent(file))
        #expect(try Self.run(["extract", "--part", "1", "--entity", file]).stdout == whole)
    }

    @Test func standardInputIsTheDefault() throws {
        let whole = try Data(contentsOf: Self.repository.appendingPathComponent("Corpus/messages/digest.eml"))
        let result = try Self.run(["dump"], stdin: whole)
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self).hasPrefix("1: multipart/digest"))
    }

    @Test func exitStatusesFollowSysexits() throws {
        let missing = try Self.run(["dump", "no/such/file.eml"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no/such/file.eml"))
        let noPart = try Self.run(["extract", "--part", "9", "--raw", "Corpus/messages/simple-lf.eml"])
        #expect(noPart.status == 65)
        #expect(noPart.stderr.contains("no part 9"))
        let noMessage = try Self.run(["dump", "--message", "9", "Corpus/sample.mbox"])
        #expect(noMessage.status == 65)
        let usage = try Self.run(["extract", "--raw", "--header", "--part", "1", "Corpus/messages/simple-lf.eml"])
        #expect(usage.status == 64)
        let unknown = try Self.run(["dump", "--no-such-flag", "x"])
        #expect(unknown.status == 64)
        let outputExists = try Self.run(["extract", "--part", "1", "--raw", "-o", "Corpus/messages/simple-lf.eml",
                                         "Corpus/messages/simple-lf.eml"])
        #expect(outputExists.status == 73)
    }
}
