// The codec passes the benchmarks time, in one library so the ordo-one suite and `parse-bench codecs` run exactly
// the same code. Each goes through the public API the CLI uses (`TransferEncoding.decode`, the installed
// `CharsetTranscoder`, `Message.decodedBody` / `Message.text`), not through a private fast path, with the vector
// kernels installed as the CLI installs them (`installKernels()`).
import MIMECharsets
import MIMECore
import MIMESIMD

/// What a codec pass produced: the output byte count, and the output itself, which the timers release only after
/// the clock has stopped (freeing a 30 MB array is the allocator's work, not the codec's).
public typealias CodecResult = (count: Int, output: [UInt8])

/// One codec pass over a whole buffer.
public enum CodecWorkload {
    /// Installs the vector kernels for this CPU, as `mailparse` does at start-up (`SIMDKernels.install()`).
    public static func installKernels() {
        SIMDKernels.install()
    }

    /// `streamed(.base64, …)` by MIMECore's portable Swift path, whatever kernel is installed: the figure for a
    /// program that does not link MIMESIMD, or a CPU without SSSE3.
    public static func base64StreamedPortable(_ bytes: UnsafeRawBufferPointer, chunk: Int = 65_536) -> CodecResult {
        var decoder = Base64Decoder(lineKernel: nil)
        return inPieces(bytes, chunk: chunk, { decoder.decode($0, into: &$1) }, finish: { decoder.finish(into: &$0) })
    }

    /// `TransferEncoding.base64.decode`: the whole buffer as one body.
    public static func base64(_ bytes: UnsafeRawBufferPointer) -> CodecResult {
        let output = TransferEncoding.base64.decode(bytes).bytes
        return (output.count, output)
    }

    /// `TransferEncoding.quotedPrintable.decode`: the whole buffer as one body.
    public static func quotedPrintable(_ bytes: UnsafeRawBufferPointer) -> CodecResult {
        let output = TransferEncoding.quotedPrintable.decode(bytes).bytes
        return (output.count, output)
    }

    /// windows-1252 to UTF-8 through the ICU transcoder as an existential `CharsetTranscoder`, into an empty
    /// array, as `Message.text(of:)` calls it.
    public static func windows1252(_ bytes: UnsafeRawBufferPointer) -> CodecResult {
        var output: [UInt8] = []
        _ = transcoder.transcode(bytes, from: "windows-1252", into: &output)
        return (output.count, output)
    }

    /// The streaming form: `encoding`'s `TransferDecoder` fed `chunk`-byte pieces of the buffer, into one
    /// output array emptied (capacity kept) after each piece, as a caller writing decoded bytes to a file would.
    /// Measures the decoder without the page faults of a fresh output array as large as the body.
    public static func streamed(_ encoding: TransferEncoding, _ bytes: UnsafeRawBufferPointer, chunk: Int = 65_536)
        -> CodecResult {
        var decoder = TransferDecoder(encoding)
        return inPieces(bytes, chunk: chunk, { decoder.decode($0, into: &$1) }, finish: { decoder.finish(into: &$0) })
    }

    /// windows-1252 to UTF-8 a `chunk` at a time into one reused array (the charset is stateless, so any
    /// split gives the same text): the transcoder without the page faults of a fresh 33 MB array.
    public static func windows1252Streamed(_ bytes: UnsafeRawBufferPointer, chunk: Int = 65_536) -> CodecResult {
        inPieces(bytes, chunk: chunk, { _ = transcoder.transcode($0, from: "windows-1252", into: &$1) }, finish: { _ in })
    }

    /// Feeds `bytes` to `feed` in `chunk`-byte pieces, into one output array emptied (capacity kept) after each
    /// piece, then calls `finish` on it: the total bytes written and the last output.
    private static func inPieces(_ bytes: UnsafeRawBufferPointer, chunk: Int,
                                 _ feed: (UnsafeRawBufferPointer, inout [UInt8]) -> Void,
                                 finish: (inout [UInt8]) -> Void) -> CodecResult {
        var output: [UInt8] = []
        var total = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), &output)
            total += output.count
            output.removeAll(keepingCapacity: true)
            start = end
        }
        finish(&output)
        return (total + output.count, output)
    }

    private static let transcoder: any CharsetTranscoder = ICUTranscoder()

    /// Every leaf of every message transfer-decoded, and every text leaf transcoded to UTF-8 with the ICU
    /// transcoder (the work of `mailparse stats --decode` and `gmime_parse decode`), over the corpus bytes in
    /// place: the number of decoded plus UTF-8 bytes.
    public static func allLeaves(_ bytes: UnsafeRawBufferPointer, messages: [Range<Int>]) -> Int {
        var total = 0
        for range in messages {
            let message = UnsafeRawBufferPointer(rebasing: bytes[range])
            let parsed = Message(parsing: ByteView(ByteStorage(unsafeBytes: message, startOffset: 0, release: nil)))
            for part in parsed.parts where part.kind == .leaf {
                if part.mediaType.type == "text" {
                    total &+= parsed.text(of: part.id, transcoder: transcoder).utf8.count
                } else {
                    total &+= parsed.decodedBody(of: part.id).bytes.count
                }
            }
        }
        return total
    }

    /// A one-part message whose body is `body`, with the given transfer encoding and content type, parsed
    /// over the bytes in place: the CLI's path (`extract --decoded/--text`, `stats --decode`).
    public static func message(body: [UInt8], transferEncoding: String, contentType: String) -> Message {
        let header = "MIME-Version: 1.0\r\nContent-Type: \(contentType)\r\nContent-Transfer-Encoding: \(transferEncoding)\r\n\r\n"
        return Message(parsing: ByteView(ByteStorage(Array(header.utf8) + body)))
    }

    /// `Message.decodedBody(of:)` of the message's root part.
    public static func decodedBody(_ message: Message) -> CodecResult {
        let output = message.decodedBody(of: message.root.id).bytes
        return (output.count, output)
    }

    /// `Message.text(of:)` of the message's root part with the ICU transcoder (transfer decoding and
    /// transcoding, what `extract --text` does).
    public static func text(_ message: Message) -> CodecResult {
        let output = message.text(of: message.root.id, transcoder: transcoder).utf8
        return (output.count, output)
    }
}
