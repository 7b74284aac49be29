import MIMECore

/// What `dump` reports: the part tree with line counts, from a `Message` or a streamed
/// `MessageOutline` (CLI.md `dump`).
struct DumpModel {
    var size: Int
    var parts: [Part]
    var lines: [Int]
    var defects: [Defect]

    init(_ message: Message) {
        size = message.source.count
        parts = message.parts
        lines = message.parts.map { message.lineCount(of: $0.id) }
        defects = message.defects
    }

    init(_ outline: MessageOutline) {
        size = outline.size
        parts = outline.parts
        lines = outline.bodyLines
        defects = outline.defects
    }

    /// Writes `dump --json`'s document.
    func writeJSON(to json: inout JSONWriter, extra: (inout JSONWriter) -> Void) {
        json.beginObject()
        extra(&json)
        json.key("size"); json.number(size)
        json.key("parts"); json.beginArray()
        for part in parts {
            json.beginObject()
            json.key("index"); json.number(part.id.rawValue + 1)
            json.key("depth"); json.number(part.depth)
            json.key("mediaType"); json.string(part.mediaType.description)
            json.key("charset"); json.string(part.charset)
            json.key("transferEncoding"); json.string(part.transferEncoding)
            json.key("disposition"); json.string(part.disposition?.type)
            json.key("filename"); json.string(part.filename)
            json.key("headerOffset"); json.number(part.headerStart)
            json.key("bodyOffset"); json.number(part.bodyStart)
            json.key("endOffset"); json.number(part.bodyEnd)
            json.key("octets"); json.number(part.bodyRange.count)
            json.key("lines"); json.number(lines[part.id.rawValue])
            json.key("defects"); Self.writeDefects(part.defects, to: &json)
            json.endObject()
        }
        json.endArray()
        json.key("defects"); Self.writeDefects(defects, to: &json)
        json.endObject()
    }

    static func writeDefects(_ defects: [Defect], to json: inout JSONWriter) {
        json.beginArray()
        for d in defects {
            json.beginObject()
            json.key("kind"); json.string(d.kind.rawValue)
            json.key("offset"); json.number(d.offset)
            json.endObject()
        }
        json.endArray()
    }

    /// The text form: one line per entity, indented by depth, like `mshow -t`.
    func text() -> String {
        var out = ""
        for part in parts {
            out += String(repeating: "  ", count: part.depth)
            out += "\(part.id.rawValue + 1): \(part.mediaType)"
            if let charset = part.charset { out += " charset=\(Self.escaped(charset))" }
            if let name = part.filename { out += " name=\"\(Self.escaped(name))\"" }
            out += " size=\(part.bodyRange.count)"
            if let disposition = part.disposition?.type, disposition != "inline" { out += " \(Self.escaped(disposition))" }
            out += "\n"
        }
        return out
    }

    /// Control characters escaped so a name cannot break the tree's lines.
    static func escaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(2)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension Message {
    /// The number of lines of a part's body, as IMAP BODYSTRUCTURE counts them: line breaks,
    /// plus one for a final line without one.
    func lineCount(of id: Part.ID) -> Int {
        body(of: id).withUnsafeBytes { raw in
            var count = 0
            for b in raw where b == 0x0A { count += 1 }
            if let last = raw.last, last != 0x0A { count += 1 }
            return count
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
