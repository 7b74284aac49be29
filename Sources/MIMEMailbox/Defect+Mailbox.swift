import MIMECore

/// The defects the mailbox readers report. Offsets are absolute byte offsets into the mailbox
/// as given (for gzip input: into the decompressed stream).
extension Defect.Kind {
    /// A UTF-8 byte order mark before the first `From ` line; it is skipped (not part of any entry).
    public static let mboxByteOrderMark = Defect.Kind("mboxByteOrderMark")
    /// Blank lines before the first `From ` line; they are skipped.
    public static let mboxLeadingBlankLines = Defect.Kind("mboxLeadingBlankLines")
    /// The mailbox does not start with a `From ` line: the bytes up to the first valid one are
    /// an entry without an envelope.
    public static let mboxMissingFromLine = Defect.Kind("mboxMissingFromLine")
    /// The first line starts with `From ` but does not validate (RFC 4155 §2); it is used anyway.
    public static let mboxInvalidFromLine = Defect.Kind("mboxInvalidFromLine")
    /// A valid `From ` line split a message without a blank line before it (RFC 4155 wants one).
    public static let mboxMissingBlankLine = Defect.Kind("mboxMissingBlankLine")
    /// A `Content-Length` field that does not land on a separator (or EOF): it was ignored.
    public static let mboxContentLengthMismatch = Defect.Kind("mboxContentLengthMismatch")
    /// A `Content-Length` field larger than `MboxReadOptions.contentLengthLimit`: it was ignored.
    public static let mboxContentLengthTooLarge = Defect.Kind("mboxContentLengthTooLarge")
    /// A `Content-Length`-framed body contains an unescaped `From ` line, so it is read as mboxcl2
    /// (no `>From` unescaping) even though auto-detection would otherwise unescape as mboxrd.
    public static let mboxUnescapedFromInBody = Defect.Kind("mboxUnescapedFromInBody")
    /// A Maildir file name whose info part (`:2,` / `!2,`) has unknown or badly ordered flags.
    public static let maildirUnknownFlag = Defect.Kind("maildirUnknownFlag")
    /// A Maildir file name with an info part of an unknown version (`:1,…`).
    public static let maildirUnknownInfo = Defect.Kind("maildirUnknownInfo")
}
