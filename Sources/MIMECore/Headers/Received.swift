/// A Received trace field (RFC 5321 §4.4 `Stamp`, RFC 5322 §3.6.7), split into its clauses.
/// Clause values are kept as written (comments included, e.g. the `(helo [1.2.3.4])` after
/// `from`), trimmed: Received lines vary too much between MTAs for more structure to be honest.
public struct Received: Sendable, Hashable {
    /// `from` clause: the sending host as it named itself, plus the receiver's comment.
    public var from: String?
    /// `by` clause: the receiving host.
    public var by: String?
    /// `via` clause: the link (rare).
    public var via: String?
    /// `with` clause: the protocol (SMTP, ESMTPS, LMTP...).
    public var with: String?
    /// `id` clause: the receiver's queue id.
    public var id: String?
    /// `for` clause: the envelope recipient, as written (often `<user@example.com>`).
    public var `for`: String?
    /// The date after the last `;`.
    public var date: DateTime?

    /// Creates a value from its clauses.
    public init(
        from: String? = nil, by: String? = nil, via: String? = nil, with: String? = nil, id: String? = nil,
        for recipient: String? = nil, date: DateTime? = nil
    ) {
        self.from = from
        self.by = by
        self.via = via
        self.with = with
        self.id = id
        self.for = recipient
        self.date = date
    }
}

extension Defect.Kind {
    /// A Received field has no `;` and date.
    public static let receivedMissingDate = Defect.Kind("receivedMissingDate")
    /// Text before the first clause keyword, or a clause keyword repeated (the first one is kept).
    public static let receivedUnexpectedText = Defect.Kind("receivedUnexpectedText")
}

extension Received {
    /// Parses an unfolded Received value: clauses `from`, `by`, `via`, `with`, `id`, `for`
    /// (keywords any case, outside comments) and the date after the last `;`.
    ///
    /// Deviations (RFC 5321 §4.4 fixes the clause order; real MTAs do not):
    /// 1. Clauses are accepted in any order; a repeated keyword is kept once (the first).
    /// 2. The date is whatever follows the *last* `;` outside comments (some MTAs put `;` in
    ///    the `for` clause), parsed leniently by `DateTime.parse`.
    /// 3. Text before the first keyword is ignored (`receivedUnexpectedText`).
    public static func parse(_ bytes: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> Received {
        let n = bytes.count
        // Last ';' at comment depth 0.
        var semicolon: Int? = nil
        var i = 0
        while i < n {
            if bytes[i] == UInt8(ascii: "(") {
                i = MessageID.skipComment(bytes, from: i)
                continue
            }
            if bytes[i] == UInt8(ascii: ";") { semicolon = i }
            i += 1
        }
        var received = Received()
        let clauseEnd = semicolon ?? n
        if let semicolon {
            received.date = DateTime.parse(Array(bytes[(semicolon + 1)...]), baseOffset: baseOffset + semicolon + 1, defects: &defects)
        } else {
            defects.append(Defect(.receivedMissingDate, at: baseOffset + n, severity: .notice))
        }

        // Keyword positions: whitespace-delimited words at depth 0.
        var marks: [(keyword: String, start: Int, valueStart: Int)] = []
        i = 0
        while i < clauseEnd {
            let c = bytes[i]
            if StructuredTokenizer.isWSP(c) {
                i += 1
                continue
            }
            if c == UInt8(ascii: "(") {
                i = min(MessageID.skipComment(bytes, from: i), clauseEnd)
                continue
            }
            let start = i
            while i < clauseEnd, !StructuredTokenizer.isWSP(bytes[i]), bytes[i] != UInt8(ascii: "(") { i += 1 }
            if i - start <= 4 {
                let word = BuiltinCharset.lowercasedASCII(String(decoding: bytes[start..<i], as: UTF8.self))
                if ["from", "by", "via", "with", "id", "for"].contains(word) {
                    marks.append((word, start, i))
                }
            }
        }
        if let first = marks.first, bytes[0..<first.start].contains(where: { !StructuredTokenizer.isWSP($0) }) {
            defects.append(Defect(.receivedUnexpectedText, at: baseOffset, severity: .notice))
        }
        for (k, mark) in marks.enumerated() {
            let end = k + 1 < marks.count ? marks[k + 1].start : clauseEnd
            var lo = mark.valueStart
            var hi = end
            while lo < hi, StructuredTokenizer.isWSP(bytes[lo]) { lo += 1 }
            while hi > lo, StructuredTokenizer.isWSP(bytes[hi - 1]) { hi -= 1 }
            let value = BuiltinCharset.decodeRaw(bytes[lo..<hi]).text
            var repeated = false
            switch mark.keyword {
            case "from": if received.from == nil { received.from = value } else { repeated = true }
            case "by": if received.by == nil { received.by = value } else { repeated = true }
            case "via": if received.via == nil { received.via = value } else { repeated = true }
            case "with": if received.with == nil { received.with = value } else { repeated = true }
            case "id": if received.id == nil { received.id = value } else { repeated = true }
            default: if received.for == nil { received.for = value } else { repeated = true }
            }
            if repeated {
                defects.append(Defect(.receivedUnexpectedText, at: baseOffset + mark.start, severity: .notice))
            }
        }
        return received
    }
}
