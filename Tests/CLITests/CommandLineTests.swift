import Foundation
import Testing

/// The command-line grammar (`CommandLineParser`), through the built binary: every spelling a
/// user may type, and usage errors with status 64 naming the problem.
struct CommandLineTests {
    typealias CLI = CLITests

    @Test func optionSpellingsAreEquivalent() throws {
        let file = "Corpus/sample.mbox"
        let separate = try CLI.run(["headers", "--json", "--message", "2", file])
        #expect(separate.status == 0, "\(separate.stderr)")
        #expect(!separate.stdout.isEmpty)
        for spelling in [["headers", "--json", "--message=2", file],
                         ["headers", file, "--message", "2", "--json"],
                         ["headers", "--message", "9", "--json", "--message", "2", file],
                         ["headers", "--json", "--message", "2", "--", file]] {
            let result = try CLI.run(spelling)
            #expect(result.status == 0, "\(spelling): \(result.stderr)")
            #expect(result.stdout == separate.stdout, "\(spelling)")
        }
    }

    @Test func shortOptionsTakeAttachedOrSeparateValues() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailparse-cli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = "Corpus/messages/simple-lf.eml"
        let separate = directory.appendingPathComponent("a").path
        let attached = directory.appendingPathComponent("b").path
        #expect(try CLI.run(["extract", "--part", "1", "--raw", "-o", separate, source]).status == 0)
        #expect(try CLI.run(["extract", "--part", "1", "--raw", "-o" + attached, source]).status == 0)
        let expected = try CLI.run(["extract", "--part", "1", "--raw", source]).stdout
        #expect(!expected.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: separate)) == expected)
        #expect(try Data(contentsOf: URL(fileURLWithPath: attached)) == expected)
    }

    @Test func dashAloneIsStandardInput() throws {
        let message = Data("Subject: hi\n\nbody\n".utf8)
        let result = try CLI.run(["headers", "-"], stdin: message)
        #expect(result.status == 0)
        #expect(String(decoding: result.stdout, as: UTF8.self) == "Subject: hi\n")
    }

    @Test(arguments: [
        (["dump", "--bogus", "x"], "unknown option '--bogus'"),
        (["dump", "--message"], "--message needs a value"),
        (["dump", "--message", "two", "x"], "--message takes a number"),
        (["dump", "--json=yes", "x"], "--json takes no value"),
        (["convert", "only-one"], "missing operand"),
        (["headers", "a", "b"], "too many operands"),
        (["convert", "a", "b", "--to", "pst"], "--to takes maildir or mbox"),
        (["list", "--range", "9:1", "x"], "--range takes START:END"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        ([], "Usage: mailparse COMMAND"),
    ])
    func usageErrorsExit64AndSayWhy(arguments: [String], problem: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(problem), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func helpGoesToStandardOutputAndSucceeds() throws {
        let top = try CLI.run(["--help"])
        #expect(top.status == 0)
        let overview = String(decoding: top.stdout, as: UTF8.self)
        for command in ["dump", "headers", "text", "extract", "list", "stats", "convert"] {
            #expect(overview.contains("\n  \(command) "), "\(command)")
        }
        let convert = try CLI.run(["convert", "--help"])
        #expect(convert.status == 0)
        #expect(String(decoding: convert.stdout, as: UTF8.self).contains("--no-fsync"))
    }
}
