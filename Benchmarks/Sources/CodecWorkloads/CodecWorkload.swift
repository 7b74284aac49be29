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

    /// The streaming form: `encoding`'s `TransferDecoder` fed `chunk`-byte pieces of the buffer, into one
    /// output array emptied (capacity kept) after each piece, as a caller writing decoded bytes to a file would.
    /// Measures the decoder without the page faults of a fresh output array as large as the body.
    public static func streamed(_ encoding: TransferEncoding, _ bytes: UnsafeRawBufferPointer, chunk: Int = 65_536) -> Int {
        var decoder = TransferDecoder(encoding)
        var output: [UInt8] = []
        var total = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            decoder.decode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), into: &output)
            total += output.count
            output.removeAll(keepingCapacity: true)
            start = end
        }
        decoder.finish(into: &output)
        return total + output.count
    }

    /// windows-1252 to UTF-8 a `chunk` at a time into one reused array (the charset is stateless, so any
    /// split gives the same text): the transcoder without the page faults of a fresh 33 MB array.
    public static func windows1252Streamed(_ bytes: UnsafeRawBufferPointer, chunk: Int = 65_536) -> Int {
        var output: [UInt8] = []
        var total = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            _ = transcoder.transcode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), from: "windows-1252", into: &output)
            total += output.count
            output.removeAll(keepingCapacity: true)
            start = end
        }
        return total
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
