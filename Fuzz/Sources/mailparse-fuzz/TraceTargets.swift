import MIMECore

/// `Received.parse` (RFC 5321 §4.4). Properties: defects inside the value; a parsed date is in
/// range; clause values are trimmed; and when no value holds comment, quote or `;` characters,
/// writing the clauses back (`from V by V …; date`) reads to the same `Received`.
enum ReceivedTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let value = HeaderValue.unfold(Array(input))
        var defects: [Defect] = []
        let received = Received.parse(value, baseOffset: 11, defects: &defects)
        for d in defects where !(11...(11 + value.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        if let date = received.date { DateTarget.check(date, input) }
        let clauses: [(String, String?)] = [("from", received.from), ("by", received.by), ("via", received.via),
                                            ("with", received.with), ("id", received.id), ("for", received.for)]
        for case (let keyword, let text?) in clauses {
            if let first = text.utf8.first, first == 0x20 || first == 0x09 { violated("\(keyword) not trimmed", input) }
            if let last = text.utf8.last, last == 0x20 || last == 0x09 { violated("\(keyword) not trimmed", input) }
        }
        let plain = clauses.allSatisfy { $0.1.map { !$0.utf8.contains(where: { "();\"\\".utf8.contains($0) }) } ?? true }
        guard plain else { return }
        var text = ""
        for case (let keyword, let clause?) in clauses { text += keyword + " " + clause + " " }
        text += "; " + (received.date?.headerText ?? "")
        var again: [Defect] = []
        let reread = Received.parse(Array(text.utf8), defects: &again)
        if reread != received { violated("\(received) → \(text.debugDescription) → \(reread)", input) }
    }
}

/// `AuthenticationResults.parse` (RFC 8601 §2.2). Properties: defects inside the value, and the
/// parsed value written back with every word quoted reads to the same results (quoting and
/// escaping are undone exactly; lowercasing is idempotent).
enum AuthenticationResultsTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let value = HeaderValue.unfold(Array(input))
        var defects: [Defect] = []
        let parsed = AuthenticationResults.parse(value, baseOffset: 5, defects: &defects)
        for d in defects where !(5...(5 + value.count)).contains(d.offset) { violated("defect \(d) outside", input) }
        if parsed.results.count > value.count { violated("more results than bytes", input) }
        var text = quoted(parsed.authservID)
        if let version = parsed.version { text += " \(version)" }
        for result in parsed.results {
            text += "; " + quoted(result.method) + "=" + quoted(result.result)
            if let reason = result.reason { text += " reason=" + quoted(reason) }
            for p in result.properties { text += " " + quoted(p.type + "." + p.name) + "=" + quoted(p.value) }
        }
        var again: [Defect] = []
        let reread = AuthenticationResults.parse(Array(text.utf8), defects: &again)
        if reread != parsed { violated("\(parsed) → \(text.debugDescription) → \(reread)", input) }
    }

    /// A quoted string with `"` and `\` escaped.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" || ch == "\\" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out + "\""
    }
}
