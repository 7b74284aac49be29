import MIMECore
import Testing

@Test func viewsKeepAbsoluteOffsets() {
    let view = ByteView(copying: Array("Subject: hi\r\n".utf8))
    let slice = view[9..<11]
    #expect(slice.startIndex == 9)
    #expect(slice[9] == UInt8(ascii: "h"))
    #expect(slice.bytes == Array("hi".utf8))
}
