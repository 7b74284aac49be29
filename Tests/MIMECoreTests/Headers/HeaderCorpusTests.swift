#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore
import Testing

/// Every header field of the SpamAssassin corpus (../shared/corpus/spamassassin, 6,046 real
/// messages) through every header grammar: nothing crashes, and the share of readable dates and
/// addresses is pinned from below. With MAILPARSE_HEADER_DUMP=path set, writes one line per
/// parsed field for differential comparison with Python's `email` (policy=default).
@Suite struct HeaderCorpusTests {
    static let root = "/work/shared/corpus/spamassassin/"

    static func files() -> [String] {
        var paths: [String] = []
        for group in ["easy-ham-1", "easy-ham-2", "hard-ham-1", "spam-1", "spam-2"] {
            guard let dir = opendir(root + group) else { continue }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if !name.hasPrefix(".") && name.first?.isNumber == true { names.append(name) }
            }
            paths += names.sorted().map { group + "/" + $0 }
        }
        return paths
    }

    /// Header fields of a message: (name, raw value after the colon), folding kept. Skips a
    /// leading mbox `From ` line; stops at the first empty line.
    static func fields(_ m: [UInt8]) -> [(String, [UInt8])] {
        var out: [(String, [UInt8])] = []
        var i = 0
        if m.starts(with: Array("From ".utf8)) {
            while i < m.count, m[i] != 0x0A { i += 1 }
            i += 1
        }
        while i < m.count {
            var lineEnd = i
            while lineEnd < m.count, m[lineEnd] != 0x0A { lineEnd += 1 }
            let line = m[i..<lineEnd]
            if line.isEmpty || line == [0x0D] { break }
            if line.first == 0x20 || line.first == 0x09 {
                if !out.isEmpty { out[out.count - 1].1 += [0x0A] + Array(line) }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")) {
                out.append((String(decoding: m[i..<colon], as: UTF8.self), Array(m[(colon + 1)..<lineEnd])))
            }
            i = lineEnd + 1
        }
        return out
    }

    static func escaped(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Every regular file under `dir`, recursively (tests only: depth is the corpus's).
    static func walk(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var out: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = dir + "/" + name
            if entry.pointee.d_type == UInt8(DT_DIR) { out += walk(path) } else { out.append(path) }
        }
        return out.sorted()
    }

    /// The other corpora (GMime, MimeKit, CPython, enmime, notmuch, mu, ruby-mail, flanker
    /// messages, many malformed on purpose): the first header block of every file through every
    /// grammar, including mbox files read as one message. Nothing may crash.
    @Test func otherCorporaParse() {
        let files = Self.walk("/work/shared/corpus").filter { !$0.contains("/spamassassin/") }
        if files.isEmpty {
            print("skipped: corpus not found")
            return
        }
        var fields = 0
        var defectCount = 0
        for path in files {
            guard let message = readFile(path) else { continue }
            for (name, raw) in Self.fields(message) {
                fields += 1
                var defects = HeaderValue.decodedText(name: name, raw: raw).defects
                _ = HeaderValue.addresses(raw, defects: &defects)
                _ = HeaderValue.date(raw, defects: &defects)
                _ = HeaderValue.messageIDs(raw, defects: &defects)
                _ = HeaderValue.received(raw, defects: &defects)
                _ = HeaderValue.authenticationResults(raw, defects: &defects)
                defectCount += defects.count
            }
        }
        print("other corpora: \(files.count) files, \(fields) fields through every grammar, \(defectCount) defects")
        #expect(files.count > 700)
        #expect(fields > 5_000)
    }

    @Test func everyFieldParses() {
        let paths = Self.files()
        if paths.isEmpty {
            print("skipped: corpus not found at \(Self.root)")
            return
        }
        let dumpPath = getenv("MAILPARSE_HEADER_DUMP").map { String(cString: $0) }
        var dump: [String] = []
        var fieldCount = 0
        var dates = (parsed: 0, total: 0)
        var addressFields = (withMailbox: 0, total: 0)
        var mailboxes = 0
        var ids = 0
        var encodedSubjects = 0
        for path in paths {
            guard let message = readFile(Self.root + path) else { continue }
            for (index, (name, raw)) in Self.fields(message).enumerated() {
                fieldCount += 1
                let text = HeaderValue.decodedText(name: name, raw: raw)
                let value = HeaderValue.unfold(raw)
                var defects: [Defect] = []
                let lower = name.lowercased()
                var line: String? = nil
                if lower == "subject" {
                    if raw.contains(UInt8(ascii: "=")) && text.text.utf8.count != value.count { encodedSubjects += 1 }
                    line = "text\t" + Self.escaped(text.text)
                } else if HeaderValue.isAddressField(name) {
                    let list = Address.parseList(value, defects: &defects)
                    addressFields.total += 1
                    let boxes = list.flatMap(\.mailboxes)
                    if !boxes.isEmpty { addressFields.withMailbox += 1 }
                    mailboxes += boxes.count
                    line = "addresses\t" + boxes.map { Self.escaped(($0.displayName ?? "") + "|" + $0.address) }.joined(separator: "\t")
                } else if lower == "date" {
                    dates.total += 1
                    let d = DateTime.parse(value, defects: &defects)
                    if d != nil { dates.parsed += 1 }
                    line = "date\t" + (d.map { "\($0.year)-\($0.month)-\($0.day) \($0.hour):\($0.minute):\($0.second) \($0.offsetMinutes)" } ?? "nil")
                } else if lower == "message-id" || lower == "references" || lower == "in-reply-to" {
                    let list = MessageID.parseList(value, defects: &defects)
                    ids += list.count
                    line = "ids\t" + list.map { Self.escaped($0.value) }.joined(separator: "\t")
                } else if lower == "received" {
                    _ = Received.parse(value, defects: &defects)
                }
                if dumpPath != nil, let line {
                    dump.append(path + "\t\(index)\t" + Self.escaped(name) + "\t" + line)
                }
            }
        }
        print(
            "header corpus: \(paths.count) messages, \(fieldCount) fields; dates \(dates.parsed)/\(dates.total); "
                + "address fields with a mailbox \(addressFields.withMailbox)/\(addressFields.total), \(mailboxes) mailboxes; "
                + "\(ids) message ids; \(encodedSubjects) subjects decoded")
        #expect(paths.count == 6_046)
        #expect(dates.total > 5_900)
        #expect(Double(dates.parsed) / Double(dates.total) > 0.995)
        #expect(Double(addressFields.withMailbox) / Double(addressFields.total) > 0.99)
        if let dumpPath, let f = fopen(dumpPath, "wb") {
            for line in dump { fputs(line + "\n", f) }
            fclose(f)
        }
    }
}
