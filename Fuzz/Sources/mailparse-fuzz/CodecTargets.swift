import MIMECore
import MIMESIMD

/// The transfer decoders (base64, quoted-printable, uuencode) with chunk-split invariance as the
/// oracle: decoding the input fed in pieces (split points from the input's hash, mostly 1–4
/// bytes, where state crosses calls) gives the same bytes, defects and end state as decoding it
/// whole. Also: output within the decoder's bound (base64: its stated maximum; QP: the input
/// size; uuencode: 63 bytes a line); defect offsets inside the input. base64 is also decoded
/// with the vector line kernel (MIMESIMD), whole and in two pieces, which must give the portable
/// path's result.
enum DecoderTarget {
    enum Codec: CaseIterable { case base64, quotedPrintable, uuencode }

    static func run(_ input: UnsafeRawBufferPointer, _ codec: Codec) {
        let base = 1_000
        let whole: (bytes: [UInt8], defects: [Defect])
        switch codec {
        case .base64:
            whole = Base64Decoder.decode(input, baseOffset: base)
            if whole.bytes.count > Base64Decoder.maximumOutputCount(forInputCount: input.count) {
                violated("base64 output \(whole.bytes.count) over its bound", input)
            }
            if let kernel = SIMDKernels.base64Lines() {
                // Whole and cut once, each piece into a buffer of exactly the stated maximum, so
                // ASan reports any store past it.
                let cut = Int(inputHash(input) % UInt64(input.count + 1))
                for ranges in [[0..<input.count], [0..<cut, cut..<input.count]] {
                    var decoder = Base64Decoder(baseOffset: base, lineKernel: kernel)
                    var output: [UInt8] = []
                    for r in ranges {
                        let piece = UnsafeRawBufferPointer(rebasing: input[r])
                        let room = Base64Decoder.maximumOutputCount(forInputCount: piece.count)
                        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: room)
                        output += UnsafeBufferPointer(start: buffer, count: decoder.decode(piece, writingTo: buffer))
                        buffer.deallocate()
                    }
                    decoder.finish(into: &output)
                    if output != whole.bytes || decoder.defects != whole.defects {
                        violated("base64 line kernel (cut at \(cut)) differs from the portable path", input)
                    }
                }
            }
        case .quotedPrintable:
            whole = QuotedPrintableDecoder.decode(input, baseOffset: base)
            if whole.bytes.count > input.count { violated("QP output longer than its input", input) }
        case .uuencode:
            whole = UUDecoder.decode(input, baseOffset: base)
            // Short lines are padded with zero bits (UUDecoder deviation 2: stripped trailing
            // spaces), so a line yields up to 63 bytes whatever its length, but no more.
            let lines = input.count(where: { $0 == 10 }) + 1
            if whole.bytes.count > 63 * lines { violated("uudecoded \(whole.bytes.count) bytes from \(lines) lines", input) }
        }
        for d in whole.defects where !(base...(base + input.count)).contains(d.offset) {
            violated("\(codec): defect \(d) outside the input", input)
        }
        // The same through the streaming API, in chunks; twice with different splits.
        var random = SplitMix(inputHash(input))
        for _ in 0..<2 {
            var output: [UInt8] = []
            let defects: [Defect]
            let ranges = chunkRanges(input.count, &random)
            switch codec {
            case .base64:
                var decoder = Base64Decoder(baseOffset: base)
                for r in ranges { decoder.decode(UnsafeRawBufferPointer(rebasing: input[r]), into: &output) }
                decoder.finish(into: &output)
                defects = decoder.defects
                if decoder.offset != base + input.count { violated("base64 offset \(decoder.offset)", input) }
            case .quotedPrintable:
                var decoder = QuotedPrintableDecoder(baseOffset: base)
                for r in ranges { decoder.decode(UnsafeRawBufferPointer(rebasing: input[r]), into: &output) }
                decoder.finish(into: &output)
                defects = decoder.defects
                if decoder.offset != base + input.count { violated("QP offset \(decoder.offset)", input) }
            case .uuencode:
                var decoder = UUDecoder(baseOffset: base)
                for r in ranges { decoder.decode(UnsafeRawBufferPointer(rebasing: input[r]), into: &output) }
                decoder.finish(into: &output)
                defects = decoder.defects
                var reference = UUDecoder(baseOffset: base)
                var ignored: [UInt8] = []
                reference.decode(input, into: &ignored)
                reference.finish(into: &ignored)
                if decoder.mode != reference.mode || decoder.fileName != reference.fileName {
                    violated("uuencode begin line differs when chunked", input)
                }
            }
            if output != whole.bytes {
                violated("\(codec): chunked output differs at byte \(firstDifference(output, whole.bytes)) "
                    + "(\(output.count) vs \(whole.bytes.count) bytes; chunks \(ranges.prefix(8))…)", input)
            }
            if defects != whole.defects {
                violated("\(codec): chunked defects \(defects.prefix(4)) vs whole \(whole.defects.prefix(4))", input)
            }
        }
    }
}

/// The encoders: `decode(encode(x)) == x` with no defects, for base64 (any line length, LF or
/// CRLF) and quoted-printable in binary mode (exact bytes) and text mode (exact once line
/// breaks are made CRLF or LF like the encoder's); encoded lines at most 76 characters; and
/// chunked encoding equals whole encoding. The first input byte picks the options.
enum EncoderTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let (selector, data) = splitSelector(input)
        let ending: LineEnding = selector & 1 == 0 ? .crlf : .lf
        var random = SplitMix(inputHash(input))
        let ranges = chunkRanges(data.count, &random)

        // base64: line length 4…76 in steps of 4, or no breaks, from the selector.
        let lineLength = selector >> 1 & 31 == 0 ? 1 << 30 : 4 * Int(1 + (selector >> 1 & 31) % 19)
        let b64 = Base64Encoder.encode(data, lineLength: lineLength, lineEnding: ending)
        var encoder = Base64Encoder(lineLength: lineLength, lineEnding: ending)
        var chunked: [UInt8] = []
        for r in ranges { encoder.encode(UnsafeRawBufferPointer(rebasing: data[r]), into: &chunked) }
        encoder.finish(into: &chunked)
        if chunked != b64 { violated("base64 chunked encoding differs at \(firstDifference(chunked, b64))", input) }
        if b64.count > encoder.maximumOutputCount(forInputCount: data.count) { violated("base64 over its bound", input) }
        let b64Back = b64.withUnsafeBytes { Base64Decoder.decode($0) }
        if b64Back.bytes != Array(data) || !b64Back.defects.isEmpty {
            violated("base64 (line \(lineLength)) does not decode back: \(b64Back.defects.prefix(3))", input)
        }
        checkLines(b64, limit: lineLength, ending, "base64", input)

        let options = (from: selector & 64 != 0, dot: selector & 128 != 0)
        for binary in [true, false] {
            let qp = QuotedPrintableEncoder.encode(data, lineEnding: ending, isBinary: binary,
                                                   encodesFromLines: options.from, encodesDotLines: options.dot)
            var qpEncoder = QuotedPrintableEncoder(lineEnding: ending, isBinary: binary,
                                                   encodesFromLines: options.from, encodesDotLines: options.dot)
            var qpChunked: [UInt8] = []
            for r in ranges { qpEncoder.encode(UnsafeRawBufferPointer(rebasing: data[r]), into: &qpChunked) }
            qpEncoder.finish(into: &qpChunked)
            if qpChunked != qp { violated("QP (binary \(binary)) chunked encoding differs at \(firstDifference(qpChunked, qp))", input) }
            if qp.contains(where: { $0 >= 0x80 }) { violated("QP output has 8-bit bytes", input) }
            checkLines(qp, limit: 76, ending, "QP", input)
            let back = qp.withUnsafeBytes { QuotedPrintableDecoder.decode($0) }
            let expected = binary ? Array(data) : textForm(data, ending)
            if back.bytes != expected {
                violated("QP (binary \(binary)) does not decode back; differs at \(firstDifference(back.bytes, expected))", input)
            }
            if !back.defects.isEmpty { violated("QP (binary \(binary)) output decodes with \(back.defects.prefix(3))", input) }
        }
    }

    /// The input as text mode writes it: each CRLF or lone LF becomes `ending`; a lone CR stays.
    static func textForm(_ data: UnsafeRawBufferPointer, _ ending: LineEnding) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while i < data.count {
            if data[i] == 13, i + 1 < data.count, data[i + 1] == 10 {
                out += ending.bytes
                i += 2
            } else if data[i] == 10 {
                out += ending.bytes
                i += 1
            } else {
                out.append(data[i])
                i += 1
            }
        }
        return out
    }

    /// Every line of `encoded` ends with `ending` (the last may end without one) and holds at
    /// most `limit` characters.
    static func checkLines(_ encoded: [UInt8], limit: Int, _ ending: LineEnding, _ what: String,
                           _ input: UnsafeRawBufferPointer) {
        var length = 0
        for (i, b) in encoded.enumerated() {
            if b == 10 {
                if ending == .crlf, i == 0 || encoded[i - 1] != 13 { violated("\(what): bare LF in CRLF output", input) }
                length = 0
            } else if b != 13 || ending == .lf {
                if b == 13 { violated("\(what): CR in LF output", input) }
                length += 1
                if length > limit { violated("\(what): line longer than \(limit)", input) }
            }
        }
    }
}
