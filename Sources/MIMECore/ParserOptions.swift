/// Limits and choices for parsing. Every limit, when exceeded, becomes a defect; the input past
/// it is still accounted for (as body bytes of the nearest entity), never dropped.
///
/// The defaults are generous for real mail and small enough that hostile input stays cheap.
public struct ParserOptions: Sendable, Hashable {
    /// How deep multiparts and message/rfc822 parts may nest. Deeper entities are leaves.
    public var maxNestingDepth: Int = 100
    /// How many entities a message may have. Later delimiters are read as epilogue bytes.
    public var maxParts: Int = 10_000
    /// The longest physical line handled as one line. Longer lines are cut into segments of this
    /// size; only a segment that starts a line can be a header field, a blank line or a delimiter.
    public var maxLineLength: Int = 1 << 20
    /// The most bytes of one header field kept in memory (by `MIMEReader` when it keeps bytes, and for
    /// the structural fields it interprets). Longer fields keep their full range, with a defect.
    public var maxFieldBytes: Int = 1 << 20
    /// The most fields in one header. Later field lines are folded into the last field, with a defect.
    public var maxFieldsPerHeader: Int = 10_000
    /// Whether a first line of the form `From sender date` is an mbox envelope (framing) rather
    /// than a defect. Real single-message files often start with one.
    public var allowsEnvelopeLine: Bool = true

    public init() {}
}
