// The codec passes the benchmarks time, in one library so the ordo-one suite and `parse-bench codecs` run exactly
// the same code. Each goes through the public API the CLI uses (`TransferEncoding.decode`, the installed
// `CharsetTranscoder`, `Message.decodedBody` / `Message.text`), not through a private fast path.
import MIMECharsets
import MIMECore

/// One codec pass over a whole buffer; each returns the output byte count, so the optimiser keeps the work.
public enum CodecWorkload {
    /// `TransferEncoding.base64.decode`: the whole buffer as one body.
    public static func base64(_ bytes: UnsafeRawBufferPointer) -> Int {
        TransferEncoding.base64.decode(bytes).bytes.count
    }

    /// `TransferEncoding.quotedPrintable.decode`: the whole buffer as one body.
    public static func quotedPrintable(_ bytes: UnsafeRawBufferPointer) -> Int {
        TransferEncoding.quotedPrintable.decode(bytes).bytes.count
    }

    /// windows-1252 to UTF-8 through the ICU transcoder as an existential `CharsetTranscoder`, into an array
    /// reserved to the input size, as `Message.text(of:)` calls it.
    public static func windows1252(_ bytes: UnsafeRawBufferPointer) -> Int {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        _ = transcoder.transcode(bytes, from: "windows-1252", into: &output)
        return output.count
    }

    private static let transcoder: any CharsetTranscoder = ICUTranscoder()

    /// A one-part message whose body is `body`, with the given transfer encoding and content type, parsed
    /// over the bytes in place: the CLI's path (`extract --decoded/--text`, `stats --decode`).
    public static func message(body: [UInt8], transferEncoding: String, contentType: String) -> Message {
        let header = "MIME-Version: 1.0\r\nContent-Type: \(contentType)\r\nContent-Transfer-Encoding: \(transferEncoding)\r\n\r\n"
        return Message(parsing: ByteView(ByteStorage(Array(header.utf8) + body)))
    }

    /// `Message.decodedBody(of:)` of the message's root part.
    public static func decodedBody(_ message: Message) -> Int {
        message.decodedBody(of: message.root.id).bytes.count
    }

    /// `Message.text(of:)` of the message's root part with the ICU transcoder (transfer decoding and
    /// transcoding, what `extract --text` does).
    public static func text(_ message: Message) -> Int {
        message.text(of: message.root.id, transcoder: transcoder).utf8.count
    }
}
