import Foundation
import MIMECore
import Testing

/// Writes random drafts, then compares our reading of them with Python's `email` package
/// (`policy=email.policy.default`), run once over all of them.
///
/// Compared per message: the part tree (content types, depth-first, message/rfc822 included),
/// the decoded Subject, the From display name and addr-spec, each leaf's decoded payload and
/// filename. Every fourth message is also edited (Subject replaced, an attachment added) before
/// Python reads it. Also checked on our side alone: the draft's values come back exactly.
///
/// Documented deviations (Python is wrong; the case is kept and the mismatch counted, see
/// `pythonDeviation`):
/// 1. Python 3.11–3.13 keeps the white space between adjacent encoded words inside an address
///    display name (`=?utf-8?q?ab?= =?utf-8?q?cd?= <a@b.c>` gives "ab cd"); RFC 2047 §6.2 says
///    it must be ignored, and Python itself ignores it in unstructured fields (Subject). Our
///    writer encodes a whole non-ASCII display name as a run of words (so that no special
///    inside it is ever visible to an address parser), which splits it wherever a word is full,
///    so Python reads a space in at each split. Accepted when the names are equal once spaces
///    are removed and the addr-spec is equal.
///
/// Found by this test and fixed on our side, so they no longer show:
/// - Python rejects an unquoted parameter token containing `'` (`filename='j.bin`, valid per
///   RFC 2045 §5.1) as an "invalid parameter" and returns no filename, and cuts a token at `*`
///   (`filename=7R*yiF97R` reads as "7R"): the writer now quotes such values.
/// - Python keeps the white space of a fold right after the colon at the start of an
///   unstructured value (`Subject:\r\n =?…` reads " …"): the writer folds unstructured fields
///   only after their first word.
/// - Our reader decodes RFC 2047 words inside plain parameter values (a documented leniency);
///   an ASCII filename containing `=?` therefore read back changed: the writer now
///   percent-encodes such values (RFC 2231), which no reader decodes as an encoded word.
@Suite("Building: differential against Python email")
struct BuildingDifferentialTests {
    static let count = 2000

    static let script = #"""
import sys, json, email, email.policy
d, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    with open(f"{d}/{i}.eml", "rb") as f:
        m = email.message_from_bytes(f.read(), policy=email.policy.default)
    out = {}
    try:
        out["subject"] = str(m["subject"])
    except Exception as e:
        out["subject"] = "!" + type(e).__name__
    try:
        out["from"] = [[a.display_name, a.addr_spec] for a in m["from"].addresses]
    except Exception as e:
        out["from"] = "!" + type(e).__name__
    parts = []
    for p in m.walk():
        e = {"type": p.get_content_type()}
        if not p.is_multipart():
            e["hex"] = (p.get_payload(decode=True) or b"").hex()
            try:
                e["filename"] = p.get_filename()
            except Exception as ex:
                e["filename"] = "!" + type(ex).__name__
        parts.append(e)
    out["parts"] = parts
    print(json.dumps(out))
"""#

    struct Ours {
        var subject: String
        var from: [[String]]
        var parts: [[String: String?]]
    }

    static func ours(_ message: Message) -> Ours {
        var parts: [[String: String?]] = []
        for part in message.parts {
            var e: [String: String?] = ["type": "\(part.mediaType.type)/\(part.mediaType.subtype)"]
            if part.kind == .leaf {
                e["hex"] = hex(message.decodedBody(of: part.id).bytes)
                e["filename"] = .some(part.filename)
            }
            parts.append(e)
        }
        let from = addresses(message, "From").flatMap(\.mailboxes).map { [$0.displayName ?? "", $0.address] }
        return Ours(subject: decodedField(message, "Subject") ?? "", from: from, parts: parts)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out += [digits[Int(b >> 4)], digits[Int(b & 15)]] }
        return String(decoding: out, as: UTF8.self)
    }

    static func theirs(_ line: String) -> Ours? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
        let subject = object["subject"] as? String ?? "!missing"
        let from = (object["from"] as? [[String]]) ?? [["!" + String(describing: object["from"] ?? "")]]
        let parts = (object["parts"] as? [[String: Any]] ?? []).map { p -> [String: String?] in
            var e: [String: String?] = [:]
            for (k, v) in p { e[k] = .some(v as? String) }
            return e
        }
        return Ours(subject: subject, from: from, parts: parts)
    }

    @Test("2000 random messages read the same by Python's email package")
    func differential() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailparse-building-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        var drafts = RandomDrafts(seed: 0x5EED_2026)
        var writer = testWriter(seed: 99)
        var ourReadings: [Ours] = []
        var selfMismatches: [String] = []
        for i in 0..<Self.count {
            var draft = drafts.draft()
            var bytes = writer.bytes(draft)
            if i % 4 == 3 {
                // Every fourth message is edited after parsing: new Subject, one more attachment
                // (appended, or the content wrapped into multipart/mixed).
                var edited = Message(parsing: bytes)
                let subject = drafts.text()
                edited.setField("Subject", .text(subject))
                draft.setField("Subject", .text(subject))
                edited.addAttachment(.attachment(drafts.bytes(max: 300), filename: drafts.text(maxWords: 2)), using: &writer)
                bytes = edited.serialized()
            }
            try Data(bytes).write(to: directory.appendingPathComponent("\(i).eml"))
            let message = Message(parsing: bytes)
            let mine = Self.ours(message)
            ourReadings.append(mine)
            // Our own reading gives back exactly what was written.
            if case .text(let subject)? = draft.field("Subject"), subject != mine.subject {
                selfMismatches.append("\(i) subject \(subject.debugDescription) → \(mine.subject.debugDescription)")
            }
            if case .addresses(let from)? = draft.field("From"), addresses(message, "From") != from {
                selfMismatches.append("\(i) from \(from) → \(addresses(message, "From"))")
            }
            if !lineLengths(bytes).allSatisfy({ $0 <= 998 }) { selfMismatches.append("\(i) line over 998") }
        }
        #expect(selfMismatches.isEmpty, "\(selfMismatches.prefix(5))")

        let scriptURL = directory.appendingPathComponent("read.py")
        try Self.script.write(to: scriptURL, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", scriptURL.path, directory.path, "\(Self.count)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        try #require(lines.count == Self.count)

        var agreements = 0
        var deviations: [String: Int] = [:]
        var failures: [String] = []
        for (i, line) in lines.enumerated() {
            guard let theirs = Self.theirs(line) else { failures.append("\(i): bad JSON"); continue }
            let mine = ourReadings[i]
            var differences: [String] = []
            if mine.subject != theirs.subject { differences.append("subject") }
            if mine.from != theirs.from { differences.append("from") }
            if mine.parts.map({ $0["type"] }) != theirs.parts.map({ $0["type"] }) {
                differences.append("tree")
            } else {
                for (a, b) in zip(mine.parts, theirs.parts) {
                    if a["hex"] != b["hex"] { differences.append("payload") }
                    if a["filename"] != b["filename"] {
                        differences.append("filename")
                    }
                }
            }
            if differences.isEmpty { agreements += 1; continue }
            var explained = true
            for d in Set(differences) {
                if let reason = Self.pythonDeviation(d, mine: mine, theirs: theirs) {
                    deviations[reason, default: 0] += 1
                } else {
                    explained = false
                }
            }
            if !explained { failures.append("\(i) \(differences): ours \(mine.subject.debugDescription) \(mine.from) / python \(theirs.subject.debugDescription) \(theirs.from)") }
        }
        print("differential: \(Self.count) messages, \(agreements) agree, deviations \(deviations.sorted { $0.key < $1.key }), unexplained \(failures.count)")
        for f in failures.prefix(15) { print("  " + f) }
        #expect(failures.count == 0, "unexplained differences are printed above")
        #expect(agreements > Self.count / 2)
    }

    /// A difference explained by a known Python behaviour, or nil.
    static func pythonDeviation(_ what: String, mine: Ours, theirs: Ours) -> String? {
        // Python's split can fall inside a grapheme cluster (e + U+0301, ZWJ emoji), because our
        // words never split a UTF-8 character but may split a cluster: compare scalars.
        switch what {
        case "from":
            guard mine.from.count == theirs.from.count else { return nil }
            for (a, b) in zip(mine.from, theirs.from) {
                guard a.count == 2, b.count == 2, a[1] == b[1],
                    String(a[0].unicodeScalars.filter { $0 != " " }) == String(b[0].unicodeScalars.filter { $0 != " " })
                else { return nil }
            }
            return "1: space kept between encoded words in a display name"
        default:
            return nil
        }
    }
}
