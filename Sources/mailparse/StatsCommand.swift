import MIMECore

/// `mailparse stats [--json] MAILBOX|FILE…`: counts over the same part tree `dump` shows.
struct StatsCommand {
    static let spec = CommandSpec(
        name: "stats", abstract: "Count messages, parts, media types and defects.",
        usage: "[--json] [--decode] [MAILBOX|FILE…]",
        options: [
            .flag("json", "Print a JSON object."),
            .flag("decode", "Also decode every leaf and transcode every text part to UTF-8."),
        ],
        operands: 0...Int.max)

    let json: Bool
    let decode: Bool
    /// Mailboxes or message files ('-' or none: standard input).
    let files: [String]

    init(_ arguments: ParsedArguments) throws(UsageError) {
        json = arguments.flag("json")
        decode = arguments.flag("decode")
        files = arguments.operands
    }

    func run() throws {
        var stats = MailStats(decode: decode)
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

/// Counts of a walk of every message's part tree (CLI.md `stats`).
struct MailStats {
    var decode = false
    var decodedBytes = 0
    var textParts = 0
    var utf8Bytes = 0
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
            guard decode, part.kind == .leaf else { continue }
            let decoded = message.decodedBody(of: part.id)
            decodedBytes += decoded.bytes.count
            if part.mediaType.type == "text" {
                textParts += 1
                utf8Bytes += message.text(of: part.id, decoded: decoded).utf8.count
            }
        }
        for d in message.allDefects {
            defects += 1
            defectKinds[d.kind.rawValue, default: 0] += 1
        }
    }

    func write(to json: inout JSONWriter) {
        json.beginObject()
        var counts = [("messages", messages), ("parts", parts), ("leaves", leaves), ("defects", defects)]
        if decode { counts += [("decodedBytes", decodedBytes), ("textParts", textParts), ("utf8Bytes", utf8Bytes)] }
        for (key, value) in counts {
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
        if decode { out += "decodedBytes: \(decodedBytes)\ntextParts: \(textParts)\nutf8Bytes: \(utf8Bytes)\n" }
        for (title, table) in [("media types", mediaTypes), ("charsets", charsets), ("defect kinds", defectKinds)]
        where !table.isEmpty {
            out += "\(title):\n"
            for name in table.keys.sorted() { out += "  \(name): \(table[name]!)\n" }
        }
        return out
    }
}
