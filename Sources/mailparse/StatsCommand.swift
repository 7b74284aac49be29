import ArgumentParser
import MIMECore

/// `mailparse stats [--json] MAILBOX|FILE…`: counts over the same part tree `dump` shows.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Count messages, parts, media types and defects.")

    @Flag(name: .long, help: "Print a JSON object.")
    var json = false

    @Argument(help: "Mailboxes or message files ('-' or none: standard input).")
    var files: [String] = []

    func run() throws {
        try runReportingErrors {
            var stats = MailStats()
            for path in files.isEmpty ? ["-"] : files {
                try MailInput(path).forEachMessage { stats.add(Message(parsing: $0.bytes)) }
            }
            if json {
                var writer = JSONWriter()
                stats.write(to: &writer)
                Output.write(writer.bytes)
                Output.line("")
            } else {
                Output.write(stats.text())
            }
        }
    }
}

/// Counts of a walk of every message's part tree (CLI.md `stats`).
struct MailStats {
    var messages = 0
    var parts = 0
    var leaves = 0
    var defects = 0
    var defectKinds: [String: Int] = [:]
    var mediaTypes: [String: Int] = [:]
    var charsets: [String: Int] = [:]

    mutating func add(_ message: Message) {
        messages += 1
        parts += message.parts.count
        for part in message.parts {
            if part.subtreeEnd == part.id.rawValue + 1 { leaves += 1 }
            mediaTypes[part.mediaType.description, default: 0] += 1
            if let charset = part.charset { charsets[charset.lowercased(), default: 0] += 1 }
        }
        for d in message.allDefects {
            defects += 1
            defectKinds[d.kind.rawValue, default: 0] += 1
        }
    }

    func write(to json: inout JSONWriter) {
        json.beginObject()
        for (key, value) in [("messages", messages), ("parts", parts), ("leaves", leaves), ("defects", defects)] {
            json.key(key); json.number(value)
        }
        for (key, table) in [("defectKinds", defectKinds), ("mediaTypes", mediaTypes), ("charsets", charsets)] {
            json.key(key)
            json.beginObject()
            // Sorted keys: output never depends on Dictionary order.
            for name in table.keys.sorted() {
                json.key(name); json.number(table[name]!)
            }
            json.endObject()
        }
        json.endObject()
    }

    func text() -> String {
        var out = "messages: \(messages)\nparts: \(parts)\nleaves: \(leaves)\ndefects: \(defects)\n"
        for (title, table) in [("media types", mediaTypes), ("charsets", charsets), ("defect kinds", defectKinds)]
        where !table.isEmpty {
            out += "\(title):\n"
            for name in table.keys.sorted() { out += "  \(name): \(table[name]!)\n" }
        }
        return out
    }
}
