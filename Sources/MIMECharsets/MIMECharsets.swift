import CMailICU
import MIMECore

/// Charset transcoding through ICU. (Work in progress: issue 4.)
public enum MIMECharsets {
    /// Whether ICU knows `name` as a charset or alias.
    public static func isKnown(_ name: String) -> Bool {
        guard let converter = cmailicu_open(name) else { return false }
        cmailicu_close(converter)
        return true
    }
}
