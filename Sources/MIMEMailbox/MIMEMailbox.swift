import CZlib
import MIMECore

/// Mailbox framing, reading, writing and conversion: the only module of mailparse that
/// touches files.
///
/// - Reading mbox (RFC 4155): `MboxReader` over bytes in memory (zero-copy entries),
///   `MboxFileReader` over a file in windows (bounded memory, gzip detected by content); both
///   share `MboxFramer`, so they frame identically. Entries are `MboxEntry` values with
///   absolute offsets, the envelope, and the message with `>From` quoting undone lazily.
/// - Writing mbox: `MboxWriter` (mboxrd by default; locking; truncates back on error).
/// - Maildir: `Maildir` (reading `new/` + `cur/`, folders), `MaildirName`/`MaildirFlags`
///   (`:2,` / `!2,` info), `MaildirWriter` (safe, durable, optionally batched delivery).
/// - Conversion: `MailboxConverter` (mbox ↔ Maildir, mbox → mbox), resumable, with a
///   `ConversionReport`.
/// - Failures: `MailboxError` (I/O only; malformed mail yields `Defect`s). Every call that
///   changes a file goes through `MailboxFileSystem`, so tests can inject `ENOSPC` or `EIO`.
public enum MIMEMailbox {
    /// The zlib version linked, as a sanity check that the system library is present.
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }
}
