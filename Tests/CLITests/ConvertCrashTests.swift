import Foundation
import Testing

/// `convert` killed with SIGKILL at random moments (issue #5): whatever is visible in the
/// Maildir after a kill is a complete message, never a second copy, and re-runs finish the
/// job with every source message delivered exactly once.
struct ConvertCrashTests {
    typealias CLI = CLITests

    /// SplitMix64: a seeded generator whose sequence does not depend on the standard library.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// `count` small messages, each identified by its number, except that every 97th repeats an
    /// earlier one byte for byte (identity is the position, so both copies must arrive). Some
    /// carry a `Status:` header (delivered into `cur/`), some body lines that mboxrd escapes.
    static func messages(count: Int, seed: UInt64) -> [Data] {
        var random = SplitMix64(state: seed)
        let words = ["mail", "box", "frame", "byte", "line", "crash", "fsync", "link", "tmp", "new", "cur"]
        var result: [Data] = []
        for n in 0..<count {
            if n % 97 == 96 {
                result.append(result[random.below(n)])
                continue
            }
            var text = "From: sender\(random.below(50))@example.org\nSubject: message \(n)\n"
            if random.below(4) == 0 { text += "Status: RO\n" }
            text += "Message-ID: <\(n).\(seed)@crash.test>\n\n"
            for _ in 0..<(1 + random.below(6)) {
                switch random.below(12) {
                case 0: text += "From the body, a line mboxrd must quote\n"
                case 1: text += ">From an already quoted line\n"
                default: text += (0..<(3 + random.below(9))).map { _ in words[random.below(words.count)] }.joined(separator: " ") + "\n"
                }
            }
            result.append(Data(text.utf8))
        }
        return result
    }

    /// The messages as an mboxrd file: `From ` line, quoted message, blank separator line.
    static func mbox(_ messages: [Data]) -> Data {
        var out = Data()
        for message in messages {
            out += Data("From sender@example.org Thu Jan  1 00:00:00 2004\n".utf8)
            for line in message.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
                if line.drop(while: { $0 == UInt8(ascii: ">") }).starts(with: Data("From ".utf8)) { out.append(UInt8(ascii: ">")) }
                out += line
                out.append(UInt8(ascii: "\n"))
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// How many times each message content is in `new/` and `cur/`. A file that is visible
    /// never changes (only whole files are linked there), so `seen` caches contents by path.
    static func visible(_ maildir: URL, seen: inout [String: Data]) throws -> [Data: Int] {
        var counts: [Data: Int] = [:]
        for sub in ["new", "cur"] {
            let dir = maildir.appendingPathComponent(sub)
            guard FileManager.default.fileExists(atPath: dir.path) else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                let path = dir.appendingPathComponent(name).path
                let content = try seen[path] ?? Data(contentsOf: URL(fileURLWithPath: path))
                seen[path] = content
                counts[content, default: 0] += 1
            }
        }
        return counts
    }

    /// The number of names in `new/` and `cur/`.
    static func visibleCount(_ maildir: URL) -> Int {
        ["new", "cur"].reduce(0) { count, sub in
            count + ((try? FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent(sub).path))?.count ?? 0)
        }
    }

    @Test func killedConversionsNeverShowPartialOrDuplicateMessages() throws {
        let seed: UInt64 = 5
        let dir = try MailboxCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let messages = Self.messages(count: 2000, seed: seed)
        let expected = messages.reduce(into: [Data: Int]()) { $0[$1, default: 0] += 1 }
        let source = dir.appendingPathComponent("src.mbox")
        try Self.mbox(messages).write(to: source)
        let maildir = dir.appendingPathComponent("md")
        var random = SplitMix64(state: seed)
        var landed = 0
        var seen: [String: Data] = [:]
        for round in 0..<12 {
            let process = Process()
            process.executableURL = CLI.binary
            // Two runs in four without fsync, which stages quicker: another mix of moments.
            // Batches of 64 (not 1,024): many batch boundaries in a run, so many moments to hit.
            process.arguments = ["convert", "--quiet", "--batch-size", "64", source.path, maildir.path, "--to", "maildir"]
                + (round % 4 >= 2 ? ["--no-fsync"] : [])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let before = Self.visibleCount(maildir)
            try process.run()
            if round % 2 == 0 {
                // Early: start-up, recovery of the last kill, reading, the first staging.
                usleep(useconds_t(10_000 + random.below(300_000)))
            } else {
                // Once a random number of new files is visible, plus up to 5 ms: lands among the
                // links, the directory fsync and the journal record (the window that used to
                // deliver a batch twice), or early in the next batch.
                let target = before + 1 + random.below(500)
                while process.isRunning && Self.visibleCount(maildir) < target { usleep(1_000) }
                usleep(useconds_t(random.below(5_000)))
            }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { landed += 1 }
            let visible = try Self.visible(maildir, seen: &seen)
            let strangers = visible.keys.filter { expected[$0] == nil }
            let extra = visible.filter { $0.value > expected[$0.key] ?? 0 }.reduce(0) { $0 + $1.value - (expected[$1.key] ?? 0) }
            #expect(strangers.isEmpty, "round \(round): \(strangers.count) visible files are no (complete) source message")
            #expect(extra == 0, "round \(round): \(extra) copies more than the source holds")
        }
        let final = try CLI.run(["convert", "--json", source.path, maildir.path, "--to", "maildir"])
        #expect(final.status == 0, "\(final.stderr)")
        let report = try JSONSerialization.jsonObject(with: final.stdout) as? [String: Any]
        let delivered = report?["messages"] as? Int ?? -1, skipped = (report?["skipped"] as? [Any])?.count ?? -1
        #expect(delivered + skipped == messages.count, "every entry is delivered now or was before")
        #expect(try Self.visible(maildir, seen: &seen) == expected, "every source message exactly once (\(landed) kills landed)")
        let tmp = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("tmp").path)
        #expect(tmp.isEmpty, "leftovers in tmp/: \(tmp.prefix(5))")
    }
}
