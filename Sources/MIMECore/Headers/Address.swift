/// One entry of an address list (RFC 5322 §3.4 `address = mailbox / group`).
public enum Address: Sendable, Hashable {
    /// A single mailbox (`name-addr` or `addr-spec`).
    case mailbox(Mailbox)
    /// A named group (`display-name ":" [group-list] ";"`).
    case group(Group)

    /// The mailboxes, flattening a group into its members.
    public var mailboxes: [Mailbox] {
        switch self {
        case .mailbox(let m): return [m]
        case .group(let g): return g.members
        }
    }
}

/// A mailbox (RFC 5322 §3.4): an optional display name and an addr-spec (§3.4.1).
public struct Mailbox: Sendable, Hashable {
    /// The phrase of a name-addr, RFC 2047 decoded and unquoted; or, for a bare addr-spec with a
    /// comment (`user@host (Name)`), the comment, as Python's `email` and MimeKit give it.
    public var displayName: String?
    /// The local part, unquoted (quoted-pairs undone), as text.
    public var localPart: String
    /// The domain as written (IDN U-labels and A-labels kept as given, RFC 6532); a domain
    /// literal keeps its brackets; empty when the address had none.
    public var domain: String

    /// Creates a mailbox from already-decoded parts.
    public init(displayName: String? = nil, localPart: String, domain: String) {
        self.displayName = displayName
        self.localPart = localPart
        self.domain = domain
    }

    /// The addr-spec as text: the local part quoted again where it is not a dot-atom
    /// (`"john doe"@example.com`), `@`, the domain. Without a domain, only the local part.
    public var address: String {
        let local = Mailbox.isDotAtom(localPart) || localPart.isEmpty ? localPart : Mailbox.quoted(localPart)
        return domain.isEmpty ? local : local + "@" + domain
    }

    /// RFC 5322 §3.2.3 dot-atom-text (8-bit allowed per RFC 6532).
    static func isDotAtom(_ s: String) -> Bool {
        var previousDot = true
        for b in s.utf8 {
            if b == UInt8(ascii: ".") {
                if previousDot { return false }
                previousDot = true
            } else if StructuredTokenizer.isAtext(b) {
                previousDot = false
            } else {
                return false
            }
        }
        return !previousDot
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            if ch == "\"" || ch == "\\" { out += "\\" }
            out.unicodeScalars.append(ch)
        }
        return out + "\""
    }
}

/// A named group of mailboxes (RFC 5322 §3.4 `group`), e.g. `undisclosed-recipients:;`.
public struct Group: Sendable, Hashable {
    /// The display name, RFC 2047 decoded.
    public var name: String
    /// The mailboxes in the group, in order (a nested group's are flattened in).
    public var members: [Mailbox]

    /// Creates a group from a decoded name and its members.
    public init(name: String, members: [Mailbox]) {
        self.name = name
        self.members = members
    }
}

extension Defect.Kind {
    /// Tokens that form no address were skipped.
    public static let addressInvalid = Defect.Kind("addressInvalid")
    /// An addr-spec has no `@domain`.
    public static let addressMissingDomain = Defect.Kind("addressMissingDomain")
    /// An addr-spec has nothing before `@`.
    public static let addressMissingLocalPart = Defect.Kind("addressMissingLocalPart")
    /// The local part has misplaced dots or characters outside atext and quoted strings.
    public static let addressInvalidLocalPart = Defect.Kind("addressInvalidLocalPart")
    /// The local part is longer than the 64 octets of RFC 5321 §4.5.3.1.1.
    public static let addressLocalPartTooLong = Defect.Kind("addressLocalPartTooLong")
    /// The domain has misplaced dots or characters outside atext.
    public static let addressInvalidDomain = Defect.Kind("addressInvalidDomain")
    /// More than one unquoted `@`; the last one separates local part and domain.
    public static let addressMultipleAtSigns = Defect.Kind("addressMultipleAtSigns")
    /// Words before an addr-spec without `<...>` (`Ima Fool@example.com`): taken as display name.
    public static let addressMissingAngleBrackets = Defect.Kind("addressMissingAngleBrackets")
    /// `<` without `>`.
    public static let addressUnterminatedAngle = Defect.Kind("addressUnterminatedAngle")
    /// Tokens after a complete mailbox (`<a@b> junk`) were ignored.
    public static let addressTrailingGarbage = Defect.Kind("addressTrailingGarbage")
    /// A display name contains a special (`@`, `.` is fine per obs-phrase) outside quotes.
    public static let addressSpecialInPhrase = Defect.Kind("addressSpecialInPhrase")
    /// An obsolete source route (`<@a,@b:user@host>`, RFC 5322 §4.4) was dropped.
    public static let obsoleteRoute = Defect.Kind("obsoleteRoute")
    /// An obsolete local part mixing quoted strings and dots (`"a".b@c`, RFC 5322 §4.4).
    public static let obsoleteLocalPart = Defect.Kind("obsoleteLocalPart")
    /// A group inside a group (RFC 5322 §3.4 forbids it); the inner name was dropped and its
    /// members kept in the outer group.
    public static let groupNested = Defect.Kind("groupNested")
    /// A group without its closing `;`.
    public static let groupUnterminated = Defect.Kind("groupUnterminated")
    /// A `;` outside any group.
    public static let groupStrayTerminator = Defect.Kind("groupStrayTerminator")
}
