/// The value of a header field a writer creates, typed so it can be encoded and folded by the
/// rules of its grammar (RFC 5322 §3.6, RFC 2047 §5).
public enum FieldValue: Sendable, Hashable {
    /// Unstructured text (Subject, Comments, X-…): RFC 2047 encoded words only around words that
    /// need them; folded at white space.
    case text(String)
    /// An address list (From, To, Cc, Reply-To…): display names quoted or encoded as
    /// phrases, addresses never encoded or broken.
    case addresses([Address])
    /// Message ids (Message-ID, In-Reply-To, References, Content-ID), space separated.
    case messageIDs([MessageID])
    /// A date (RFC 5322 §3.3).
    case date(DateTime)
    /// Already valid header text, folded at white space outside quoted strings.
    case raw(String)

    /// An address as header text. A display name too long for one line (RFC 5322 §2.1.1) is
    /// written as encoded words, which can fold, instead of one quoted string, which cannot.
    static func addressText(_ address: Address) -> String {
        guard case .mailbox(let m) = address, let name = m.displayName, name.utf8.count > 900 else {
            return address.headerText
        }
        return EncodedWord.encodeWords(Array(name.unicodeScalars)[...]) + " <" + m.address + ">"
    }

    /// The unfolded header text of the value.
    public var headerText: String {
        switch self {
        case .text(let s):
            // A word too long for any line (RFC 5322 §2.1.1: 998) is encoded, since encoded
            // words can be split where the word cannot.
            let longest = s.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(\.utf8.count).max() ?? 0
            if longest > 900 { return EncodedWord.encodeWords(Array(s.unicodeScalars)[...]) }
            return EncodedWord.encodeText(s)
        case .addresses(let list): return list.map(Self.addressText).joined(separator: ", ")
        case .messageIDs(let ids): return ids.map(\.description).joined(separator: " ")
        case .date(let d): return d.headerText
        case .raw(let s): return s
        }
    }
}

extension DateTime {
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date as RFC 5322 §3.3 `date-time`: `Sun, 29 Nov 2026 12:40:28 +0000`; an unknown
    /// zone is written `-0000`.
    public var headerText: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let sign = !isZoneKnown || offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        let month = (1...12).contains(month) ? DateTime.monthNames[month - 1] : "Jan"
        return "\(DateTime.dayNames[dayOfWeek]), \(day) \(month) \(year) \(two(hour)):\(two(minute)):\(two(second)) "
            + sign + two(offset / 60) + two(offset % 60)
    }
}

/// Folding for fields the writer creates (RFC 5322 §2.2.3). Breaks only at white space that is
/// outside quoted strings, comments and angle brackets, so an address, a quoted display name or
/// an encoded word is never split; a token longer than the line is left whole.
enum FieldFolding {
    /// Folds `value`, written after `firstLineUsed` characters (the name and `: `), at `width`.
    static func fold(
        _ value: [UInt8], firstLineUsed: Int, lineBreak: [UInt8] = [13, 10], width: Int = 78,
        foldsAfterColon: Bool = false
    ) -> [UInt8] {
        // Split into segments, each starting with the white space that may become a fold.
        var segments: [ArraySlice<UInt8>] = []
        var start = 0
        var quoted = false
        var escaped = false
        var comment = 0
        var angle = false
        for (i, b) in value.enumerated() {
            if escaped { escaped = false; continue }
            if quoted {
                if b == 0x5C { escaped = true } else if b == 0x22 { quoted = false }
                continue
            }
            switch b {
            case 0x22: quoted = true
            case 0x5C: escaped = comment > 0
            case 0x28: comment += 1
            case 0x29: comment = max(0, comment - 1)
            case 0x3C: angle = true
            case 0x3E: angle = false
            case 0x20, 0x09:
                if comment == 0, !angle, i > start, value[i - 1] != 0x20, value[i - 1] != 0x09 {
                    segments.append(value[start..<i])
                    start = i
                }
            default: break
            }
        }
        if start < value.count { segments.append(value[start...]) }
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 16)
        var column = firstLineUsed
        for (k, segment) in segments.enumerated() {
            // The first segment may fold too (right after the colon) when that makes it fit.
            let breakable = k > 0 || (foldsAfterColon && segment.first == 0x20 && segment.count <= width)
            if breakable, column + segment.count > width {
                out += lineBreak
                column = 0
            }
            out += segment
            column += segment.count
        }
        return out
    }

    /// The whole field `Name: value` with its final line break.
    static func field(_ name: String, _ value: FieldValue, lineBreak: [UInt8] = [13, 10]) -> [UInt8] {
        var out = Array(name.utf8) + Array(":".utf8)
        // Not for unstructured text: Python's email keeps the folded white space at the start of
        // the value (a Subject would read " Subject"); in structured fields it is CFWS.
        var structured = true
        if case .text = value { structured = false }
        out += fold(Array((" " + value.headerText).utf8), firstLineUsed: out.count, lineBreak: lineBreak,
                    foldsAfterColon: structured)
        return out + lineBreak
    }
}
