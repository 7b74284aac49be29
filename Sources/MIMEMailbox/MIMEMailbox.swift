import CZlib
import MIMECore

/// mbox and Maildir framing. (Work in progress: issue 5.)
public enum MIMEMailbox {
    /// The zlib version linked, as a sanity check that the system library is present.
    public static var zlibVersion: String { String(cString: CZlib.zlibVersion()) }
}
