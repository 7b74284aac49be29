import Foundation
import Testing

/// `list`, `convert`, `headers`, `text` and `extract -d` run as a user runs them.
struct MailboxCommandTests {
    typealias CLI = CLITests

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mailparse-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func listGivesExactEntryAndMessageRanges() throws {
        let result = try CLI.run(["list", "--jsonl", "Corpus/sample.mbox"])
        #expect(result.status == 0)
        let mbox = try Data(contentsOf: CLI.repository.appendingPathComponent("Corpus/sample.mbox"))
        let lines = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 4)
        var covered = 0
        for (n, line) in lines.enumerated() {
            let item = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(item["index"] as? Int == n + 1)
            let offset = item["offset"] as! Int, length = item["length"] as! Int
            #expect(offset == covered, "entries tile the file")
            covered = offset + length
            let entry = mbox[offset..<(offset + length)]
            #expect(entry.starts(with: Data("From ".utf8)))
            for key in ["messageOffset", "messageLength", "envelope", "date", "from", "subject", "messageID", "flags"] {
                #expect(item.keys.contains(key), "missing \(key)")
            }
        }
        #expect(covered == mbox.count)
        // --range picks the entries whose From line starts inside it.
        let ranged = try CLI.run(["list", "--jsonl", "--range", "200:600", "Corpus/sample.mbox"])
        let indices = String(decoding: ranged.stdout, as: UTF8.self).split(separator: "\n").map {
            (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["index"] as! Int
        }
        #expect(indices.count == 2)
    }

    @Test func convertRoundTripsAndResumes() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let maildir = dir.appendingPathComponent("parents/not/yet/made/md").path
        let back = dir.appendingPathComponent("back.mbox").path
        let first = try CLI.run(["convert", "--json", "Corpus/sample.mbox", maildir])
        #expect(first.status == 0, "\(first.stderr)")
        let report = try JSONSerialization.jsonObject(with: first.stdout) as! [String: Any]
        #expect(report["messages"] as? Int == 4)
        let again = try CLI.run(["convert", "--json", "Corpus/sample.mbox", maildir])
        let second = try JSONSerialization.jsonObject(with: again.stdout) as! [String: Any]
        #expect(second["messages"] as? Int == 0)
        #expect((second["skipped"] as? [Any])?.count == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").count == 4)
        let toMbox = try CLI.run(["convert", maildir, back])
        #expect(toMbox.status == 0, "\(toMbox.stderr)")
        let original = try Data(contentsOf: CLI.repository.appendingPathComponent("Corpus/sample.mbox"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original)
        // A non-empty mbox destination is refused without --append.
        let refused = try CLI.run(["convert", maildir, back])
        #expect(refused.status == 73)
    }

    @Test func headersJSONCarriesStructuredValues() throws {
        let result = try CLI.run(["headers", "--json", "Corpus/messages/simple-lf.eml"])
        let fields = try JSONSerialization.jsonObject(with: result.stdout) as! [[String: Any]]
        #expect(fields.map { $0["name"] as! String } == ["From", "To", "Subject", "Date", "Message-ID"])
        let from = fields[0]["addresses"] as! [[String: Any]]
        #expect(from[0]["name"] as? String == "Ada Lovelace")
        #expect(from[0]["address"] as? String == "ada@example.org")
        let date = fields[3]["date"] as! [String: Int]
        #expect(date == ["year": 1843, "month": 7, "day": 1, "hour": 10, "minute": 0, "second": 0, "offsetMinutes": 0])
        #expect(fields[4]["messageIDs"] as? [String] == ["engine-1@example.org"])
        let typed = try CLI.run(["headers", "--json", "--part", "2", "Corpus/messages/rfc2231-filename.eml"])
        let partFields = try JSONSerialization.jsonObject(with: typed.stdout) as! [[String: Any]]
        let disposition = partFields[1]["disposition"] as! [String: Any]
        #expect((disposition["parameters"] as! [String: String])["filename"] == "rapport été.pdf")
    }

    @Test func textPicksThePlainAlternative() throws {
        let result = try CLI.run(["text", "--message", "4", "Corpus/sample.mbox"])
        #expect(String(decoding: result.stdout, as: UTF8.self) == "See the forwarded message.")
    }

    @Test func extractSavesAttachmentsWithoutOverwriting() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for expected in ["rapport été.pdf", "rapport été-1.pdf"] {
            let result = try CLI.run(["extract", "-d", dir.path, "Corpus/messages/rfc2231-filename.eml"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(String(decoding: result.stdout, as: UTF8.self) == dir.path + "/" + expected + "\n")
        }
        let saved = try Data(contentsOf: dir.appendingPathComponent("rapport été.pdf"))
        #expect(saved == Data("%PDF-1.4\n".utf8))
    }

    @Test func hostileAttachmentNamesStayInTheDirectory() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        // A symlink planted where a name would land must not be written through.
        try FileManager.default.createSymbolicLink(atPath: target.appendingPathComponent("evil.txt").path,
                                                   withDestinationPath: dir.appendingPathComponent("victim").path)
        let names = ["../../escape.txt", "/etc/passwd", "..\\\\windows.txt", ".hidden", "..", "evil.txt",
                     "=?utf-8?q?=2E=2E=2Fencoded.txt?=", "a\\u{7}bell.txt", String(repeating: "x", count: 300) + ".txt"]
        var message = "From: a@example.org\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
        for name in names {
            message += "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"\(name)\"\n\nx\n"
        }
        message += "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment;\n filename*=utf-8''..%2F..%2Frfc2231.txt\n\ny\n--b--\n"
        let result = try CLI.run(["extract", "-d", target.path, "-"], stdin: Data(message.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let written = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n")
        #expect(written.count == names.count + 1)
        for line in written { #expect(line.hasPrefix(target.path + "/") && !line.dropFirst(target.path.count + 1).contains("/")) }
        let outside = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(Set(outside) == ["out"], "nothing outside the target: \(outside)")
        let attributes = try FileManager.default.attributesOfItem(atPath: target.appendingPathComponent("evil.txt").path)
        #expect(attributes[.type] as? FileAttributeType == .typeSymbolicLink)
        for name in try FileManager.default.contentsOfDirectory(atPath: target.path) {
            #expect(!name.hasPrefix(".") && name.utf8.count <= 255)
        }
    }
}
