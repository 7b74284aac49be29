import CZlib

/// Decompresses gzip (RFC 1952) or zlib (RFC 1950) data from another source as it is read,
/// holding only one input and one output window.
///
/// Deviations:
/// 1. Concatenated members (what `cat a.gz b.gz` and `pigz` produce) are read as one stream:
///    on `Z_STREAM_END` with input left, the inflater is reset (`inflateReset`) and continues.
/// 2. Bytes after a complete member that do not start another member (`1f 8b`), such as the
///    zero padding some tape tools add, are ignored; `trailingGarbage` says so.
public final class GzipSource<Source: ByteSource>: ByteSource {
    private var source: Source
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutableRawBufferPointer
    private var inputEOF = false
    private var finished = false
    private var memberComplete = false
    /// Bytes that follow the last complete member and are not gzip data.
    public private(set) var trailingGarbage = false

    /// Wraps `source`; `path` names it in errors.
    public init(_ source: Source, path: String, inputWindow: Int = 1 << 16) throws(MailboxError) {
        self.source = source
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: max(inputWindow, 16), alignment: 1)
        // windowBits 15 + 32: the largest window, gzip or zlib header detected automatically.
        guard czlib_inflate_init2(stream, 15 + 32) == Z_OK else {
            stream.deallocate()
            input.deallocate()
            throw MailboxError(.decompress, path: path, message: "cannot initialise zlib")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(MailboxError) -> Int {
        guard !finished, let out = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = out.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        while stream.pointee.avail_out > 0 {
            if stream.pointee.avail_in == 0 && !inputEOF {
                let n = try source.read(into: input)
                if n == 0 { inputEOF = true }
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(n)
            }
            if stream.pointee.avail_in == 0 && inputEOF {
                if !memberComplete {
                    throw MailboxError(.decompress, path: path, message: "compressed data is truncated")
                }
                finished = true
                break
            }
            if memberComplete {
                // Another member must start with the gzip magic; anything else is padding.
                if stream.pointee.next_in[0] != 0x1F {
                    trailingGarbage = true
                    finished = true
                    break
                }
                inflateReset(stream)
                memberComplete = false
            }
            let status = inflate(stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                memberComplete = true
            } else if status == Z_BUF_ERROR {
                continue  // needs more input; the loop reads it
            } else if status != Z_OK {
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw MailboxError(.decompress, path: path, message: "damaged compressed data (\(reason))")
            }
        }
        return buffer.count - Int(stream.pointee.avail_out)
    }
}
