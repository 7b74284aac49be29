/// A message identifier (RFC 5322 §3.6.4 `msg-id`), held without its angle brackets, as in
/// Message-ID, In-Reply-To, References, Resent-Message-ID and Content-ID (RFC 2045 §7).
public struct MessageID: Sendable, Hashable, CustomStringConvertible {
    /// `id-left "@" id-right`, or whatever the sender put between the brackets.
    public var value: String

    /// Creates an id from its text without brackets.
    public init(_ value: String) { self.value = value }

    /// `<value>`
    public var description: String { "<" + value + ">" }
}

extension Defect.Kind {
    /// An id without `<` `>`: taken as an id because the field had no brackets at all.
    public static let messageIDMissingAngleBrackets = Defect.Kind("messageIDMissingAngleBrackets")
    /// `<` without `>`: the id ends at whitespace or the next `<`.
    public static let messageIDUnterminated = Defect.Kind("messageIDUnterminated")
    /// Whitespace inside `<...>` (often a fold in the middle of an id) was removed.
    public static let messageIDContainsWhitespace = Defect.Kind("messageIDContainsWhitespace")
    /// `<>`: an empty id was skipped.
    public static let messageIDEmpty = Defect.Kind("messageIDEmpty")
    /// Words between ids that are not ids (an In-Reply-To phrase) were skipped.
    public static let messageIDJunk = Defect.Kind("messageIDJunk")
}

extension MessageID {
    /// Parses the ids of Message-ID, In-Reply-To, References or Content-ID (RFC 5322 §3.6.4,
    /// obsolete §4.5.4 `obs-in-reply-to` / `obs-references` with phrases). Lenient and total,
    /// linear time.
    ///
    /// Deviations:
    /// 1. When the field has no `<` at all, each whitespace-separated word is an id
    ///    (`messageIDMissingAngleBrackets`): `Content-ID: part1@x` and bare Message-IDs exist.
    /// 2. When it has brackets, words outside them (phrases, "Your message of...") are skipped
    ///    (`messageIDJunk`, a notice); quoted strings and comments silently.
    /// 3. Whitespace inside brackets is removed (`messageIDContainsWhitespace`); a missing `>`
    ///    ends the id at whitespace or the next `<` (`messageIDUnterminated`).
    /// 4. The id's content is not checked against `id-left "@" id-right`: whatever is between
    ///    the brackets is the id, as GMime and MimeKit keep it.
    public static func parseList(_ bytes: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> [MessageID] {
        var ids: [MessageID] = []
        let n = bytes.count
        let bracketed = bytes.contains(UInt8(ascii: "<"))
        var reportedJunk = false
        var i = 0
        func isWSP(_ c: UInt8) -> Bool { StructuredTokenizer.isWSP(c) }
        while i < n {
            let c = bytes[i]
            if isWSP(c) {
                i += 1
            } else if c == UInt8(ascii: "(") {
                i = skipComment(bytes, from: i)
            } else if c == UInt8(ascii: "\"") {
                i += 1
                while i < n, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                i += 1
            } else if c == UInt8(ascii: "<") {
                let start = i
                var j = i + 1
                while j < n, bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "<") { j += 1 }
                var content: [UInt8]
                if j < n, bytes[j] == UInt8(ascii: ">") {
                    content = Array(bytes[(i + 1)..<j])
                    i = j + 1
                    if content.contains(where: isWSP) {
                        defects.append(Defect(.messageIDContainsWhitespace, at: baseOffset + start, severity: .notice))
                        content.removeAll(where: isWSP)
                    }
                } else {
                    var k = i + 1
                    while k < n, !isWSP(bytes[k]), bytes[k] != UInt8(ascii: "<") { k += 1 }
                    content = Array(bytes[(i + 1)..<k])
                    i = k
                    defects.append(Defect(.messageIDUnterminated, at: baseOffset + start))
                }
                if content.isEmpty {
                    defects.append(Defect(.messageIDEmpty, at: baseOffset + start, severity: .notice))
                } else {
                    ids.append(MessageID(BuiltinCharset.decodeRaw(content[...]).text))
                }
            } else {
                let start = i
                while i < n, !isWSP(bytes[i]), bytes[i] != UInt8(ascii: "<"), bytes[i] != UInt8(ascii: "("),
                    bytes[i] != UInt8(ascii: "\"")
                {
                    i += 1
                }
                if !bracketed {
                    defects.append(Defect(.messageIDMissingAngleBrackets, at: baseOffset + start, severity: .notice))
                    ids.append(MessageID(BuiltinCharset.decodeRaw(bytes[start..<i]).text))
                } else if !reportedJunk {
                    // One notice per field: an In-Reply-To phrase has many words.
                    reportedJunk = true
                    defects.append(Defect(.messageIDJunk, at: baseOffset + start, severity: .notice))
                }
            }
        }
        return ids
    }

    /// Index just past the comment starting at `start` (nesting counted, not recursed).
    static func skipComment(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        return bytes.count
    }
}
