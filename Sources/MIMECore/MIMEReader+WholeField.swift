extension MIMEReader {
    /// The header fast path of the ranges-only reader (`Message`'s path): at a line start in an open header, it
    /// returns the next `.field` event straight away instead of queueing it, taking a whole field (its first line
    /// and every folded continuation line) in one step. A list message's header is mostly fields, so this is
    /// most of the reader's events (issue "Performance").
    ///
    /// It gives exactly the events the line-by-line path gives, because it only runs where that path would do
    /// nothing but extend and then finish the field:
    /// - all input is present (`finish()` was called) and what is left is shorter than `maxLineLength`, so no
    ///   line can be over-long (a `lineTooLong` defect would come before the field);
    /// - the field is shorter than `maxFieldBytes` and every line of it ends with a line break;
    /// - the field count stays under `maxFieldsPerHeader` even with the next field (past it, the next field line
    ///   would extend this field instead of finishing it);
    /// - its first byte is not `-` (a delimiter line), white space (a continuation), or, before the first field,
    ///   `F` or `>` (an envelope line);
    /// - no content run, held-back line break or queued event is waiting.
    ///
    /// Every other line after a field finishes it first (`finishField`): a new field, the blank line, a line that
    /// is not a field, a delimiter, the end of input. So a field the line-by-line path opened is returned here
    /// as soon as its next line is not a continuation.
    mutating func takeWholeField(input: UnsafeRawBufferPointer, base: Int) -> Event? {
        guard finished, started, run == nil, pendingEOL == nil, frames[frames.count - 1].phase == .header,
              header.fieldCount + 1 < options.maxFieldsPerHeader,
              let p = input.baseAddress else { return nil }
        let from = cursor - base
        let end = input.count
        guard from < end, end - from < options.maxLineLength else { return nil }
        let first = p.load(fromByteOffset: from, as: UInt8.self)
        if first == 0x20 || first == 0x09 { return nil }
        if let fieldStart = header.fieldStart {
            // The open field ends at this line, as `finishField` would end it.
            guard !header.fieldTruncated else { return nil }
            header.fieldStart = nil
            header.structural = nil
            return .field(Segment(range: fieldStart..<header.fieldEnd), colon: header.colon)
        }
        if first == 0x2D { return nil }
        if header.fieldCount == 0, first == 0x46 || first == 0x3E { return nil }
        guard let lf = ByteScan.firstIndex(of: 0x0A, in: input, from: from, to: end) else { return nil }
        var contentEnd = lf
        if contentEnd > from, p.load(fromByteOffset: contentEnd - 1, as: UInt8.self) == 0x0D { contentEnd -= 1 }
        guard let colon = Self.fieldColon(UnsafeRawBufferPointer(rebasing: input[from..<contentEnd])) else {
            return nil
        }
        // The folded continuation lines, each with its line break.
        var fieldEnd = lf + 1
        while fieldEnd < end {
            let next = p.load(fromByteOffset: fieldEnd, as: UInt8.self)
            guard next == 0x20 || next == 0x09 else { break }
            guard let nextLF = ByteScan.firstIndex(of: 0x0A, in: input, from: fieldEnd, to: end) else { return nil }
            fieldEnd = nextLF + 1
        }
        guard fieldEnd - from <= options.maxFieldBytes else { return nil }
        let value = UnsafeRawBufferPointer(rebasing: input[(from + colon + 1)..<fieldEnd])
        switch Self.structuralKind(UnsafeRawBufferPointer(rebasing: input[from..<(from + colon)])) {
        case .contentType? where header.contentType == nil:
            // Parsed here, in place, rather than copied for `bodyStructure` to parse: the same bytes.
            header.contentType = []
            var defects: [Defect] = []
            let mediaType = MediaType(parsing: value, defects: &defects)
            header.parsedContentType = (mediaType, defects)
        case .transferEncoding? where header.transferEncoding == nil:
            // Line by line, a value past 256 bytes keeps only the lines that fit.
            guard value.count <= 256 else { return nil }
            header.transferEncoding = []
            header.parsedTransferEncoding = Self.transferEncodingName(value)
        default:
            break
        }
        header.fieldCount += 1
        cursor = base + fieldEnd
        return .field(Segment(range: (base + from)..<(base + fieldEnd)), colon: base + from + colon)
    }
}
