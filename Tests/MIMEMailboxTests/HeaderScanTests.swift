import MIMECore
@testable import MIMEMailbox
import Testing

/// The byte-level header scan the converter and `list` run on every message: the same fields
/// as the `String`-based scan it replaced (issue 5), for LF and CRLF.
@Suite struct HeaderScanTests {
    static func scan(_ text: String, crlf: Bool = false) -> HeaderScan {
        let bytes = crlf ? text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") : text
        return HeaderScan(ByteView(copying: Array(bytes.utf8)), names: MailboxFlagMapping.fieldNames)
    }

    @Test(arguments: [false, true]) func namesMatchCaseInsensitivelyAndFoldedValuesUnfold(crlf: Bool) {
        let h = Self.scan("""
            X-MOZILLA-Status: 0005
            status :  RO\u{20}
            Subject: not wanted
            X-Keywords: $Forwarded,
            \tjunk
            From: first <a@b>
            From: second <c@d>

            Status: body, not header
            """, crlf: crlf)
        #expect(h.text("x-mozilla-status") == "0005")
        #expect(h.text("status") == "RO", "white space before the colon and around the value")
        #expect(h.text("x-keywords") == "$Forwarded,\tjunk", "continuation line appended")
        #expect(h.text("from") == "first <a@b>", "the first occurrence wins")
        #expect(h.text("subject") == nil && h.text("date") == nil)
        #expect(MailboxFlagMapping.flags(h)?.letters == "FPS")
    }

    @Test func theScanStopsAtTheEmptyLineAndNeedsAColon() {
        let h = Self.scan("Statusline without colon R\nX-Status-Extra: F\nX-Status\n\nX-Status: F\n")
        #expect(h.value("x-status") == nil && h.value("status") == nil)
        #expect(MailboxFlagMapping.flags(h) == nil)
        let labels = Self.scan("X-Gmail-Labels:  Opened , Starred,Important  Stuff,Trash\n\n")
        #expect(MailboxFlagMapping.flags(labels)?.letters == "FST")
    }

    @Test func nonASCIINamesDoNotMatch() {
        // KELVIN SIGN lowercases to "k" in Unicode; field names are ASCII (RFC 5322 §3.6.8).
        let h = Self.scan("X-\u{212A}eywords: $Draft\nDate: Thu, 1 Jan 1970 00:01:00 +0000\n\n")
        #expect(h.value("x-keywords") == nil)
        #expect(MailboxFlagMapping.date(h) == 60)
    }
}
