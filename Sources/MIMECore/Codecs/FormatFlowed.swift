extension Defect.Kind {
    /// A flowed line was followed by a line of a different quote depth (RFC 3676 §4.5);
    /// it was treated as fixed.
    public static let flowedQuoteDepthChange = Defect.Kind("flowedQuoteDepthChange")
}

/// Decoding of `text/plain; format=flowed` (RFC 3676): joins soft-broken lines into
/// paragraphs again.
///
/// Works on bytes in any ASCII-compatible charset (UTF-8 after transcoding, typically): only
/// SP, `>`, CR and LF matter. For each line (§4.1–4.5):
/// - the quote depth is the number of leading `>` (§4.5), and they are removed;
/// - one leading space is removed: it is space-stuffing (§4.4);
/// - the line is flowed when it ends in a space, unless it is the signature separator `-- `
///   (§4.3); with `DelSp=yes` that trailing space is deleted (§4.2);
/// - a flowed line is joined with the next line of the same quote depth.
///
/// Each paragraph is written once, prefixed with its quote marks and a space when it is
/// quoted (`>> text`), and ended with the line break its last line had (CRLF or LF).
///
/// **Deviations** (each tolerance is reported as a defect):
/// 1. A flowed line followed by a line of another quote depth ends its paragraph, as §4.5
///    asks of receivers (`flowedQuoteDepthChange`).
/// 2. A flowed last line (no fixed line follows) simply ends its paragraph; with no line
///    left to join, nothing was lost, so it is not reported.
public struct FormatFlowed: Sendable, Hashable {
    /// The `DelSp` parameter (RFC 3676 §4.2): delete the space before each soft line break.
    public var delSp: Bool

    public init(delSp: Bool = false) {
        self.delSp = delSp
    }

    /// Decodes flowed text. Defect offsets count from `baseOffset`.
    public func decode(_ text: UnsafeRawBufferPointer, baseOffset: Int = 0) -> (text: [UInt8], defects: [Defect]) {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var defects: [Defect] = []
        var paragraphDepth = -1   // quote depth of the open paragraph; -1 when none is open
        var paragraphCRLF = false  // whether the open paragraph's lines end in CRLF
        var lineStart = 0
        while lineStart < text.count {
            var lineEnd = lineStart
            while lineEnd < text.count && text[lineEnd] != 10 { lineEnd += 1 }
            let hasLF = lineEnd < text.count
            var contentEnd = lineEnd
            let hasCRLF = hasLF && contentEnd > lineStart && text[contentEnd - 1] == 13
            if hasCRLF { contentEnd -= 1 }

            var i = lineStart
            var depth = 0
            while i < contentEnd && text[i] == UInt8(ascii: ">") {
                depth += 1
                i += 1
            }
            if i < contentEnd && text[i] == 0x20 { i += 1 }  // space-stuffing, §4.4
            let isSignature = contentEnd - i == 3 && text[i] == UInt8(ascii: "-") && text[i + 1] == UInt8(ascii: "-")
                && text[i + 2] == 0x20
            let isFlowed = !isSignature && contentEnd > i && text[contentEnd - 1] == 0x20
            if isFlowed && delSp { contentEnd -= 1 }

            if paragraphDepth >= 0 && paragraphDepth != depth {
                // The previous line was flowed but this one cannot continue it.
                defects.append(Defect(.flowedQuoteDepthChange, at: baseOffset + lineStart))
                if paragraphCRLF { output.append(13) }
                output.append(10)
                paragraphDepth = -1
            }
            if paragraphDepth < 0 && depth > 0 {
                output.append(contentsOf: repeatElement(UInt8(ascii: ">"), count: depth))
                if contentEnd > i { output.append(0x20) }
            }
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[i..<contentEnd]))
            if isFlowed && hasLF {
                paragraphDepth = depth
                paragraphCRLF = hasCRLF
            } else {
                paragraphDepth = -1
                if hasCRLF { output.append(13) }
                if hasLF { output.append(10) }
            }
            lineStart = hasLF ? lineEnd + 1 : lineEnd
        }
        return (output, defects)
    }

    /// Decodes flowed text held in an array.
    public func decode(_ text: [UInt8], baseOffset: Int = 0) -> (text: [UInt8], defects: [Defect]) {
        text.withUnsafeBytes { decode($0, baseOffset: baseOffset) }
    }
}
