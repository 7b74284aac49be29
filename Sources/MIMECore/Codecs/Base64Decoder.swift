extension Defect.Kind {
    /// A byte outside the base64 alphabet (and not white space) was skipped; one defect per run.
    public static let base64InvalidByte = Defect.Kind("base64InvalidByte")
    /// A `=` where no padding can stand (after 0 or 1 data characters, or one `=` too many).
    public static let base64MisplacedPadding = Defect.Kind("base64MisplacedPadding")
    /// The input ended inside a quantum without its `=` padding; the bytes it holds were kept.
    public static let base64MissingPadding = Defect.Kind("base64MissingPadding")
    /// Data characters followed a padded quantum; they were decoded as a new stream.
    public static let base64DataAfterPadding = Defect.Kind("base64DataAfterPadding")
    /// The input ended with a single data character, which cannot encode a byte; it was dropped.
    public static let base64TruncatedQuantum = Defect.Kind("base64TruncatedQuantum")
}

/// A streaming decoder for the base64 content transfer encoding (RFC 2045 §6.8; alphabet and
/// padding from RFC 4648 §4).
///
/// Feed the body in chunks of any size with `decode(_:into:)`, then call `finish(into:)` once.
/// All state lives in the decoder, so any split of the same bytes gives the same output and the
/// same defects. Defect offsets count from `baseOffset`, the position of the first byte fed.
///
/// Line breaks and other white space (SP, HT, CR, LF) are skipped silently: RFC 2045 §6.8
/// requires encoders to break lines, so they are part of the format.
///
/// **Deviations** (each tolerance is reported as a defect):
/// 1. Bytes outside the alphabet are skipped, as RFC 2045 §6.8 allows, but reported
///    (`base64InvalidByte`, once per run of such bytes), because they usually mean damage.
/// 2. A `=` that cannot be padding (at the start of a quantum or after one character, or a
///    third `=`) is skipped (`base64MisplacedPadding`).
/// 3. Missing padding at the end is tolerated: a final quantum of 2 or 3 characters yields
///    its 1 or 2 bytes (`base64MissingPadding`); a lone final character is dropped
///    (`base64TruncatedQuantum`).
/// 4. Data after padding does not end decoding: RFC 2045 §6.8 says such data should be
///    ignored, but it is nearly always a second base64 stream appended to the first (files
///    concatenated by a mailer), so it is decoded as such (`base64DataAfterPadding`).
///    Non-zero bits left over in a padded quantum are discarded, as RFC 4648 §3.5 permits.
public struct Base64Decoder: Sendable {
    /// What was tolerated so far, in input order.
    public private(set) var defects: [Defect] = []
    /// The absolute offset of the next byte to be fed.
    public private(set) var offset: Int

    /// Bits of the current quantum, most significant first.
    private var bits: UInt32 = 0
    /// Data characters in the current quantum (0...3).
    private var sextets = 0
    /// `=` signs still expected after a quantum of two characters was padded.
    private var padsOwed = 0
    /// A quantum was closed by padding and no data character followed yet.
    private var afterPadding = false
    /// The previous byte was outside the alphabet (defects are reported once per run).
    private var inJunk = false
    /// Decodes runs of whole lines in place of the portable steady-state loop, if set.
    private let lineKernel: Base64LineKernel?

    /// Creates a decoder whose defects are reported relative to `baseOffset`, decoding whole
    /// lines with `lineKernel` (by default the installed one; nil for the portable path). The
    /// output and defects are the same either way.
    public init(baseOffset: Int = 0, lineKernel: Base64LineKernel? = Base64Decoder.installedLineKernel) {
        offset = baseOffset
        self.lineKernel = lineKernel
    }

    /// The most bytes `decode` can write for `inputCount` input bytes (with the few bytes of
    /// slack that the fast paths may scribble on: their stores end at most 4 bytes past their
    /// output, which is at most `inputCount / 4 * 3`).
    public static func maximumOutputCount(forInputCount inputCount: Int) -> Int {
        (inputCount / 4 + 2) * 3
    }

    /// Decodes `input`, appending the bytes to `output`.
    public mutating func decode(_ input: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        if input.isEmpty { return }
        output.appendBytes(upTo: Self.maximumOutputCount(forInputCount: input.count)) {
            decode(input, writingTo: $0)
        }
    }

    /// Decodes `input` into raw memory with room for `maximumOutputCount(forInputCount:)`
    /// bytes and returns how many bytes it wrote.
    public mutating func decode(_ input: UnsafeRawBufferPointer, writingTo output: UnsafeMutablePointer<UInt8>) -> Int {
        guard let source = input.baseAddress, input.count > 0 else { return 0 }
        let count = input.count
        var i = 0
        var o = 0
        Base64Alphabet.decodingTable.withUnsafeBufferPointer { table in
            Base64Alphabet.shiftedTables.withUnsafeBufferPointer { shifted in
                let t = table.baseAddress!
                while i < count {
                    if sextets == 0 && !afterPadding {
                        let start = i
                        Self.decodeQuanta(source, count, &i, UnsafeMutableRawPointer(output), &o, t, shifted.baseAddress!,
                                          lineKernel)
                        // Only data and white space were consumed: a run of junk has ended.
                        if i > start { inJunk = false }
                        if i >= count { break }
                    }
                    o += step(t[Int(source.load(fromByteOffset: i, as: UInt8.self))], at: offset + i, into: output + o)
                    i += 1
                }
            }
        }
        offset += count
        return o
    }

    /// The fast path, from a quantum boundary outside padding: whole quanta of four alphabet
    /// characters, the bulk of every body, and the white space between them (line breaks of
    /// encoders whose line length is a multiple of 4, as every common one's is). Stops at
    /// anything else (padding, junk, a quantum split by a line break, fewer than 4 bytes
    /// left), leaving it to `step`. Vector blocks write 14 bytes and keep 12, a single quantum
    /// writes 4 and keeps 3: the output has slack for the rest.
    ///
    /// Encoders write lines of one length, so once a line has been seen the next line break is
    /// looked for where that length puts it. While it is there (CRLF or LF), whole lines go in
    /// a steady loop: the line's 16-character blocks by vector arithmetic (`decodeBlocksSIMD`),
    /// the rest (12 characters of a 76-column line) by tables, the whole line checked once; or,
    /// when the decoder was given a `Base64LineKernel`, in the kernel, under the same contract.
    /// Otherwise (the first line, a line of another length or with other white space, a damaged
    /// one) characters go 16 at a time, each block checked, and then 4 at a time, up to the
    /// first one that is not data.
    @inline(__always)
    private static func decodeQuanta(_ source: UnsafeRawPointer, _ count: Int, _ i: inout Int,
                                     _ target: UnsafeMutableRawPointer, _ o: inout Int,
                                     _ t: UnsafePointer<UInt8>, _ t0: UnsafePointer<UInt64>,
                                     _ kernel: Base64LineKernel?) {
        let t1 = t0 + 256, t2 = t0 + 512, t3 = t0 + 768
        @inline(__always) func byte(_ k: Int) -> UInt8 { source.load(fromByteOffset: k, as: UInt8.self) }
        // One quantum from the four characters at `k` in bits 40–63, each character loaded as a
        // byte (one load, no shift and mask to extract it from a word): bits 0–7 are set if any
        // of them is outside the alphabet.
        @inline(__always) func quantum(_ k: Int) -> UInt64 {
            t0[Int(byte(k))] | t1[Int(byte(k &+ 1))] | t2[Int(byte(k &+ 2))] | t3[Int(byte(k &+ 3))]
        }
        var lineStart = i
        var lineLength = 0  // of the last line seen whole; 0 before one is
        while true {
            // The steady state: lines of the length seen last, each ending in CRLF or LF, in the
            // line kernel if there is one; otherwise a line's blocks go by vector arithmetic and its
            // rest (12 characters of a 76-column line) by tables, checked once. A line that fails is
            // left to the general steps below.
            if lineLength >= 16, let kernel {
                var (k, out) = (i, o)
                kernel(source.assumingMemoryBound(to: UInt8.self), count, lineLength,
                       target.assumingMemoryBound(to: UInt8.self), &k, &out)
                (i, o) = (k, out)
            } else if lineLength >= 16 {
                let blocks = lineLength & ~15
                while i &+ lineLength &+ 2 <= count {
                    let next = i &+ lineLength
                    let separator = source.loadUnaligned(fromByteOffset: next, as: UInt16.self)
                    let breakLength = separator == UInt16(0x0A0D).littleEndian ? 2
                        : UInt8(truncatingIfNeeded: UInt16(littleEndian: separator)) == 0x0A ? 1 : 0
                    if breakLength == 0 || !decodeBlocksSIMD(source + i, blocks, target + o) { break }
                    var junk: UInt64 = 0
                    var k = i &+ blocks
                    var out = o &+ blocks &>> 2 &* 3
                    while k < next {
                        let q = quantum(k)
                        junk |= q
                        let bytes = UInt32(truncatingIfNeeded: q &>> 32).bigEndian
                        target.storeBytes(of: bytes, toByteOffset: out, as: UInt32.self)
                        k &+= 4
                        out &+= 3
                    }
                    if junk & 0xFF != 0 { break }
                    o = out
                    i = next &+ breakLength
                }
            }
            if lineLength >= 16 { lineStart = i }
            let predicted = i &+ lineLength
            let end = lineLength > 0 && predicted < count && t[Int(byte(predicted))] == Base64Alphabet.whiteSpace
                ? predicted : count
            let blocks = lineLength & ~15
            if end < count && blocks > 0 && decodeBlocksSIMD(source + i, blocks, target + o) {
                o &+= blocks &>> 2 &* 3
                i &+= blocks
            }
            while i &+ 16 <= end {
                guard decodeSIMD16(source + i, target + o) else { break }
                o &+= 12
                i &+= 16
            }
            while i &+ 4 <= end {
                let q = quantum(i)
                if q & 0xFF != 0 { break }
                target.storeBytes(of: UInt32(truncatingIfNeeded: q &>> 32).bigEndian, toByteOffset: o, as: UInt32.self)
                o &+= 3
                i &+= 4
            }
            // A line break (or other white space) at the quantum boundary: skip it and go on.
            let lineEnd = i
            if i &+ 2 <= count && source.loadUnaligned(fromByteOffset: i, as: UInt16.self) == UInt16(0x0A0D).littleEndian {
                i &+= 2  // CRLF, the usual case, without a table lookup per byte
            }
            while i < count && t[Int(byte(i))] == Base64Alphabet.whiteSpace {
                i &+= 1
            }
            if i == lineEnd { return }
            lineLength = lineEnd &- lineStart
            lineStart = i
        }
    }

    /// Handles one classified byte off the fast path; returns the bytes written.
    @inline(__always)
    private mutating func step(_ value: UInt8, at position: Int, into output: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 64 {
            inJunk = false
            if afterPadding {
                defects.append(Defect(.base64DataAfterPadding, at: position))
                afterPadding = false
                padsOwed = 0
            }
            bits = bits << 6 | UInt32(value)
            sextets += 1
            if sextets < 4 { return 0 }
            output[0] = UInt8(truncatingIfNeeded: bits >> 16)
            output[1] = UInt8(truncatingIfNeeded: bits >> 8)
            output[2] = UInt8(truncatingIfNeeded: bits)
            bits = 0
            sextets = 0
            return 3
        }
        switch value {
        case Base64Alphabet.whiteSpace:
            inJunk = false
            return 0
        case Base64Alphabet.pad:
            inJunk = false
            if sextets >= 2 {
                let written = flushPartialQuantum(into: output)
                padsOwed = written == 1 ? 1 : 0
                afterPadding = true
                return written
            }
            if padsOwed > 0 {
                padsOwed -= 1
            } else {
                defects.append(Defect(.base64MisplacedPadding, at: position))
            }
            return 0
        default:
            if !inJunk { defects.append(Defect(.base64InvalidByte, at: position)) }
            inJunk = true
            return 0
        }
    }

    /// Writes the 1 or 2 bytes held by a quantum of 2 or 3 characters and clears it.
    private mutating func flushPartialQuantum(into output: UnsafeMutablePointer<UInt8>) -> Int {
        defer { bits = 0; sextets = 0 }
        switch sextets {
        case 2:
            output[0] = UInt8(truncatingIfNeeded: bits >> 4)
            return 1
        case 3:
            output[0] = UInt8(truncatingIfNeeded: bits >> 10)
            output[1] = UInt8(truncatingIfNeeded: bits >> 2)
            return 2
        default:
            return 0
        }
    }

    /// Ends the stream: writes what an unpadded final quantum holds and reports what was
    /// missing. The decoder can then be reused for a new stream that continues the offsets.
    public mutating func finish(into output: inout [UInt8]) {
        if sextets == 1 {
            defects.append(Defect(.base64TruncatedQuantum, at: offset))
        } else if sextets > 1 || padsOwed > 0 {
            defects.append(Defect(.base64MissingPadding, at: offset))
        }
        output.appendBytes(upTo: 2) { flushPartialQuantum(into: $0) }
        bits = 0
        sextets = 0
        padsOwed = 0
        afterPadding = false
        inJunk = false
    }

    /// Decodes a whole base64 body at once.
    public static func decode(_ input: UnsafeRawBufferPointer, baseOffset: Int = 0) -> (bytes: [UInt8], defects: [Defect]) {
        var decoder = Base64Decoder(baseOffset: baseOffset)
        var output: [UInt8] = []
        output.reserveCapacity(maximumOutputCount(forInputCount: input.count))
        decoder.decode(input, into: &output)
        decoder.finish(into: &output)
        return (output, decoder.defects)
    }
}
