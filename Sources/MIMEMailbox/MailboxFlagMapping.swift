import MIMECore

/// Maps the status headers mail readers keep in mbox files to Maildir flags.
///
/// - `Status:` (mutt, Pine, Thunderbird): `R` read → S; `O` old → the message goes to `cur/`.
/// - `X-Status:` (mutt, Pine): `A` answered → R, `F` flagged → F, `D` deleted → T, `T` draft → D.
/// - `X-Mozilla-Status:` (Thunderbird; hex bit field): 0x1 read → S, 0x2 replied → R,
///   0x4 marked → F, 0x8 expunged → T, 0x1000 forwarded → P.
/// - `X-Keywords:` (Dovecot, Thunderbird): `$Forwarded` / `Forwarded` → P, `$Draft` → D.
///   Other keywords have no letter without a `dovecot-keywords` file, so they are not mapped.
/// - `X-Gmail-Labels:` (Google Takeout): `Opened` → S, `Starred` → F, `Drafts` → D,
///   `Trash` → T.
public enum MailboxFlagMapping {
    /// The Maildir flags a message's status headers give (see above), or nil when nothing says
    /// it was seen by a mail reader; what `list` shows as `flags` for an mbox message.
    public static func flags(of message: ByteView) -> MaildirFlags? {
        flags(HeaderScan(message, names: fieldNames))
    }

    /// The time a message's `Date:` field gives (RFC 5322 §3.3, numeric zones applied), or nil.
    static func date(_ header: HeaderScan) -> Int? {
        header.value("date").flatMap { MboxEnvelope(sender: [], date: $0).time }
    }

    /// The envelope sender a message's `Return-Path:` or `From:` gives, or nil.
    public static func sender(of message: ByteView) -> String? {
        sender(HeaderScan(message, names: fieldNames))
    }

    static let fieldNames: HeaderScan.FieldNames = ["status", "x-status", "x-mozilla-status", "x-keywords",
                                                    "x-gmail-labels", "return-path", "from", "date"]

    /// The flags for a message, or nil when nothing says it was seen by a reader (→ `new/`).
    static func flags(_ header: HeaderScan) -> MaildirFlags? {
        var flags = MaildirFlags()
        var old = false
        if let status = header.text("status") {
            if status.contains("R") { flags.insert(MaildirFlags.seen) }
            if status.contains("O") { old = true }
        }
        if let x = header.text("x-status") {
            for (letter, flag) in [("A", MaildirFlags.replied), ("F", MaildirFlags.flagged),
                                   ("D", MaildirFlags.trashed), ("T", MaildirFlags.draft)] where x.contains(letter) {
                flags.insert(flag)
            }
        }
        if let m = header.text("x-mozilla-status"), let bits = Int(m, radix: 16) {
            for (bit, flag) in [(0x1, MaildirFlags.seen), (0x2, MaildirFlags.replied), (0x4, MaildirFlags.flagged),
                                (0x8, MaildirFlags.trashed), (0x1000, MaildirFlags.passed)] where bits & bit != 0 {
                flags.insert(flag)
            }
        }
        if let k = header.text("x-keywords") {
            for word in k.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                switch word.lowercased() {
                case "$forwarded", "forwarded": flags.insert(MaildirFlags.passed)
                case "$draft": flags.insert(MaildirFlags.draft)
                default: break
                }
            }
        }
        if let g = header.text("x-gmail-labels") {
            // A label with its surrounding spaces trimmed (none of the mapped ones has a space).
            for label in g.split(separator: ",") {
                let words = label.split(separator: " ")
                guard words.count == 1 else { continue }
                switch words[0] {
                case "Opened": flags.insert(MaildirFlags.seen)
                case "Starred": flags.insert(MaildirFlags.flagged)
                case "Drafts": flags.insert(MaildirFlags.draft)
                case "Trash": flags.insert(MaildirFlags.trashed)
                default: break
                }
            }
        }
        return flags.isEmpty && !old ? nil : flags
    }

    /// The envelope sender for an mbox `From ` line: the `Return-Path` address, else the first
    /// address of `From:`, else nil.
    static func sender(_ header: HeaderScan) -> String? {
        for field in ["return-path", "from"] {
            guard let value = header.text(field) else { continue }
            if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
                let address = String(value[value.index(after: open)..<close])
                if !address.isEmpty { return address }
            } else if let word = value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
                        .first(where: { $0.contains("@") }) {
                return String(word)
            }
        }
        return nil
    }
}
