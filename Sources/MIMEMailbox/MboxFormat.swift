/// The mbox variants of RFC 4155 §2 (which calls them a "family" of formats), as named by
/// qmail's `mbox(5)` and Python's `mailbox` module.
///
/// - `mboxo`: framed by `From ` lines; a body line starting `From ` is written as `>From `,
///   and reading removes one `>` from lines that start `>From ` (ambiguous: `>From ` in the
///   original cannot be told apart, which is why mboxrd exists).
/// - `mboxrd`: like mboxo, but every line matching `>*From ` gains one `>` on writing and loses
///   one on reading, so the transformation is reversible.
/// - `mboxcl`: mboxo quoting plus a `Content-Length:` field giving the body size.
/// - `mboxcl2`: `Content-Length:` framing and no quoting at all.
public struct MboxFormat: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Reading only: honour `Content-Length` where it checks out, otherwise split at `From `
    /// lines, and unescape as mboxrd (see `MboxReadOptions` for the exact rules).
    public static let auto = MboxFormat(rawValue: "auto")
    public static let mboxo = MboxFormat(rawValue: "mboxo")
    public static let mboxrd = MboxFormat(rawValue: "mboxrd")
    public static let mboxcl = MboxFormat(rawValue: "mboxcl")
    public static let mboxcl2 = MboxFormat(rawValue: "mboxcl2")

    /// The formats a writer can produce.
    public static let writable: [MboxFormat] = [.mboxrd, .mboxo, .mboxcl, .mboxcl2]

    /// Parses `mboxrd`, `mboxo`, `mboxcl`, `mboxcl2` or `auto` (case-insensitive).
    public init?(_ name: String) {
        let lower = name.lowercased()
        guard ["auto", "mboxo", "mboxrd", "mboxcl", "mboxcl2"].contains(lower) else { return nil }
        self.rawValue = lower
    }

    public var description: String { rawValue }

    /// Whether `Content-Length` is trusted (when it lands on a separator) when reading.
    var honoursContentLength: Bool { self == .auto || self == .mboxcl || self == .mboxcl2 }

    /// The `>From` quoting this format uses.
    var escaping: MboxEscaping {
        switch self {
        case .mboxo, .mboxcl: return .mboxo
        case .mboxcl2: return .none
        default: return .mboxrd
        }
    }
}

/// How `From ` lines inside a message are quoted in an mbox entry.
public enum MboxEscaping: Sendable, Hashable {
    /// No quoting (mboxcl2, or a `Content-Length`-framed body that contains a bare `From ` line).
    case none
    /// Lines starting `>From ` lose one `>` when read; `From ` gains one when written.
    case mboxo
    /// Lines matching `>*From ` lose one `>` when read; `>*From ` gains one when written.
    case mboxrd

    /// If a line starting at `line[0]` is quoted under this scheme, the number of bytes that
    /// unquoting removes (always 1), else 0. `line` may be cut short; a line shorter than the
    /// pattern does not match.
    @inline(__always)
    func quotedPrefix(_ line: UnsafeRawBufferPointer) -> Int {
        guard self != .none, line.count >= 6, line[0] == UInt8(ascii: ">") else { return 0 }
        var i = 1
        if self == .mboxrd {
            while i < line.count, line[i] == UInt8(ascii: ">") { i += 1 }
        }
        return MboxFromLine.startsWithFrom(line, at: i) ? 1 : 0
    }

    /// Whether a line must be quoted when written under this scheme: `From ` for mboxo,
    /// `>*From ` for mboxrd.
    @inline(__always)
    func needsQuoting(_ line: UnsafeRawBufferPointer) -> Bool {
        guard self != .none else { return false }
        var i = 0
        if self == .mboxrd {
            while i < line.count, line[i] == UInt8(ascii: ">") { i += 1 }
        }
        return MboxFromLine.startsWithFrom(line, at: i)
    }
}

/// Options for the mbox readers.
public struct MboxReadOptions: Sendable, Hashable {
    /// The variant to read; `.auto` by default.
    public var format: MboxFormat = .auto
    /// A `Content-Length` larger than this is not trusted (a damaged value must not make a
    /// streaming reader buffer gigabytes before it finds out). 1 GiB by default.
    public var contentLengthLimit: Int = 1 << 30
    /// The size of each read of the windowed file reader. 1 MiB by default.
    public var windowSize: Int = 1 << 20
    /// Whether `MboxFileReader` hands out entries whose `rawMessage` is a view of its read window instead of
    /// a copy. No bytes are copied then, but a window stays in memory while any entry from it is kept: right
    /// for callers that finish with each message before the next few (the CLI), wrong for callers that keep
    /// a few messages out of a large file. False by default.
    public var entriesShareWindow = false

    public init(format: MboxFormat = .auto) { self.format = format }
}
