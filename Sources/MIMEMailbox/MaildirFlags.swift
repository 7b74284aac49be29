import MIMECore

/// The flags of a Maildir message, from the info part of its file name (`:2,FRS`), as
/// defined by D. J. Bernstein's maildir(5) "info" semantics and extended by Dovecot and
/// Courier (lowercase letters a–z are keywords whose meaning a `dovecot-keywords` file gives).
public struct MaildirFlags: Sendable, Hashable, CustomStringConvertible {
    /// The uppercase standard flags present, as ASCII letters.
    public private(set) var standard: Set<UInt8> = []
    /// The lowercase keyword letters present.
    public private(set) var keywords: Set<UInt8> = []

    /// `D`: the user considers this a draft.
    public static let draft = UInt8(ascii: "D")
    /// `F`: flagged for urgent or special attention.
    public static let flagged = UInt8(ascii: "F")
    /// `P`: passed (resent, forwarded or bounced).
    public static let passed = UInt8(ascii: "P")
    /// `R`: replied to.
    public static let replied = UInt8(ascii: "R")
    /// `S`: seen.
    public static let seen = UInt8(ascii: "S")
    /// `T`: trashed, to be deleted at the next purge.
    public static let trashed = UInt8(ascii: "T")
    static let known: Set<UInt8> = [draft, flagged, passed, replied, seen, trashed]

    public init() {}

    /// Flags from letters, e.g. `"FRS"` or `"Sabc"`. Letters other than D F P R S T and a–z are
    /// dropped; `unknown` receives them.
    public init(letters: some Sequence<UInt8>, unknown: inout [UInt8]) {
        for c in letters {
            if Self.known.contains(c) { standard.insert(c) }
            else if c >= 0x61 && c <= 0x7A { keywords.insert(c) }
            else { unknown.append(c) }
        }
    }

    /// Flags from letters, ignoring any that are unknown.
    public init(_ letters: String) {
        var unknown: [UInt8] = []
        self.init(letters: letters.utf8, unknown: &unknown)
    }

    public var isEmpty: Bool { standard.isEmpty && keywords.isEmpty }

    public func contains(_ flag: UInt8) -> Bool { standard.contains(flag) || keywords.contains(flag) }

    public mutating func insert(_ flag: UInt8) {
        if Self.known.contains(flag) { standard.insert(flag) }
        else if flag >= 0x61 && flag <= 0x7A { keywords.insert(flag) }
    }

    /// The letters in ASCII order, as maildir(5) requires them in a file name.
    public var letters: String {
        String(decoding: standard.sorted() + keywords.sorted(), as: UTF8.self)
    }

    public var description: String { letters }
}

/// A Maildir file name taken apart: `<unique>[,S=<size>][,W=<size>][:2,<flags>]`, where the
/// info separator may also be `!` (the Windows-safe form mu and others use, as in
/// `…mindcrime!2,PS`).
///
/// Deviations:
/// 1. Either `:` or `!` introduces the info; the last one that is followed by `2,` wins.
/// 2. A name without info is a message with no flags (typical in `new/`, and in `cur/` of
///    hand-made trees).
/// 3. Unknown flag letters and info versions other than 2 are kept out of the flags and
///    reported as defects (offset 0: the position is in the name, not in any file).
public struct MaildirName: Sendable, Hashable {
    /// The name as found in the directory.
    public var name: String
    /// The part before the info (`,S=`/`,W=` tags included).
    public var unique: String
    public var flags: MaildirFlags
    /// The `S=` tag: the file size in bytes, when given.
    public var size: Int?
    /// The `W=` tag: the size with CRLF line ends (RFC 822 size), when given.
    public var rfc822Size: Int?
    public var defects: [Defect] = []

    public init(parsing name: String) {
        self.name = name
        let bytes = Array(name.utf8)
        var infoStart: Int?
        for i in stride(from: bytes.count - 1, through: 0, by: -1)
        where bytes[i] == UInt8(ascii: ":") || bytes[i] == UInt8(ascii: "!") {
            infoStart = i
            break
        }
        flags = MaildirFlags()
        var base = bytes[...]
        if let i = infoStart {
            let info = bytes[(i + 1)...]
            if info.starts(with: Array("2,".utf8)) {
                var unknown: [UInt8] = []
                flags = MaildirFlags(letters: info.dropFirst(2), unknown: &unknown)
                if !unknown.isEmpty { defects.append(Defect(.maildirUnknownFlag, at: 0, severity: .notice)) }
                base = bytes[..<i]
            } else if info.count >= 2 && info[info.startIndex + 1] == UInt8(ascii: ",") {
                defects.append(Defect(.maildirUnknownInfo, at: 0, severity: .notice))
                base = bytes[..<i]
            }
        }
        unique = String(decoding: base, as: UTF8.self)
        for tag in unique.split(separator: ",").dropFirst() {
            if tag.hasPrefix("S="), let n = Int(tag.dropFirst(2)) { size = n }
            if tag.hasPrefix("W="), let n = Int(tag.dropFirst(2)) { rfc822Size = n }
        }
    }
}
