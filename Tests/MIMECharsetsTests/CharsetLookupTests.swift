import MIMECharsets
import Testing

@Test func icuKnowsCommonCharsets() {
    #expect(MIMECharsets.isKnown("windows-1252"))
    #expect(MIMECharsets.isKnown("ISO-2022-JP"))
    #expect(!MIMECharsets.isKnown("x-no-such-charset"))
}
