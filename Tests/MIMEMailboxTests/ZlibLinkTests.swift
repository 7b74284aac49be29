import MIMEMailbox
import Testing

@Test func zlibIsLinked() {
    #expect(MIMEMailbox.zlibVersion.hasPrefix("1."))
}
