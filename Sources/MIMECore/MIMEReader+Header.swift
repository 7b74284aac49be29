extension MIMEReader {
    /// A line while the innermost entity's header is open (RFC 5322 §2.2, §3.6; §4.5 obsolete
    /// white space before the colon).
    mutating func headerLine(_ line: UnsafeRawBufferPointer, start: Int, end: Int, contentCount: Int,
                             isLineStart: Bool) {
        // A segment of an over-long line, or a folded continuation, extends the current field.
        let first = contentCount > 0 ? line[0] : 0
        let isContinuation = !isLineStart || (contentCount > 0 && (first == 0x20 || first == 0x09))
        if isContinuation, header.fieldStart != nil {
            extendField(line, end: end)
            return
        }
        // White space before any field: Python's email skips such a line and reads on; so do
        // we, keeping its bytes.
        if isContinuation, isLineStart, header.fieldCount == 0 {
            emit(.defect(Defect(.firstLineIsContinuation, at: start, severity: .notice)))
            emit(.ignoredLine(segment(start..<end, line)))
            return
        }
        // An mbox envelope (`From `, or `>From ` as mboxo escapes it) opening an encapsulated
        // message, as archives leave them; MimeKit also reads past it.
        if isLineStart, header.fieldCount == 0, header.fieldStart == nil, !header.sawEnvelope,
           Self.isEnvelope(line) || (line.count > 6 && line[0] == UInt8(ascii: ">")
               && Self.isEnvelope(UnsafeRawBufferPointer(rebasing: line[1...]))) {
            header.sawEnvelope = true
            emit(.defect(Defect(.envelopeInHeader, at: start, severity: .notice)))
            emit(.envelope(segment(start..<end, line)))
            return
        }
        if isLineStart, contentCount == 0 {
            finishField()
            endHeader(blank: start..<end, line: line, opensChild: true)
            return
        }
        if isLineStart, let colon = Self.fieldColon(UnsafeRawBufferPointer(rebasing: line[..<contentCount])) {
            if header.fieldCount >= options.maxFieldsPerHeader, header.fieldStart != nil {
                if !header.tooManyFieldsReported {
                    header.tooManyFieldsReported = true
                    emit(.defect(Defect(.tooManyFields, at: start, severity: .error)))
                }
                extendField(line, end: end)
                return
            }
            finishField()
            header.fieldStart = start
            header.colon = start + colon
            header.fieldEnd = start
            header.fieldTruncated = false
            header.fieldBytes.removeAll(keepingCapacity: true)
            header.fieldCount += 1
            header.structural = Self.structuralKind(UnsafeRawBufferPointer(rebasing: line[..<colon]))
            switch header.structural {
            case .contentType? where header.contentType != nil: header.structural = nil
            case .transferEncoding? where header.transferEncoding != nil: header.structural = nil
            case .contentType?: header.contentType = []
            case .transferEncoding?: header.transferEncoding = []
            case nil: break
            }
            extendField(line, end: end, valueFrom: colon + 1)
            return
        }
        // Not a field: the header ends here without a blank line; this line is body.
        finishField()
        emit(.defect(Defect(.missingHeaderBodySeparator, at: start)))
        endHeader(blank: start..<start, line: nil, opensChild: true)
        process(line: line, start: start, isLineStart: isLineStart, hasLF: end > start + contentCount)
    }

    /// Adds a line to the field being read.
    mutating func extendField(_ line: UnsafeRawBufferPointer, end: Int, valueFrom: Int = 0) {
        header.fieldEnd = end
        if keepsBytes {
            let room = options.maxFieldBytes - header.fieldBytes.count
            if line.count <= room {
                header.fieldBytes.append(contentsOf: line)
            } else {
                header.fieldBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[..<max(0, room)]))
                header.fieldTruncated = true
            }
        }
        let value = UnsafeRawBufferPointer(rebasing: line[valueFrom...])
        switch header.structural {
        case .contentType?:
            if header.contentType!.count + value.count <= options.maxFieldBytes {
                header.contentType!.append(contentsOf: value)
            } else { header.fieldTruncated = true }
        case .transferEncoding?:
            if header.transferEncoding!.count + value.count <= 256 {
                header.transferEncoding!.append(contentsOf: value)
            }
        case nil: break
        }
        if !keepsBytes, header.fieldEnd - (header.fieldStart ?? end) > options.maxFieldBytes {
            header.fieldTruncated = true
        }
    }

    /// Emits the field being read, if any.
    mutating func finishField() {
        guard let start = header.fieldStart else { return }
        if header.fieldTruncated {
            emit(.defect(Defect(.fieldTooLong, at: start, severity: .error)))
        }
        emit(.field(Segment(range: start..<header.fieldEnd, bytes: keepsBytes ? header.fieldBytes : nil),
                    colon: header.colon))
        header.fieldStart = nil
        header.structural = nil
    }

    /// The header of the innermost entity ends with `blank` (the blank line, or an empty range);
    /// the entity's body starts after it.
    mutating func endHeader(blank: Range<Int>, line: UnsafeRawBufferPointer?, opensChild: Bool) {
        let index = frames.count - 1
        let bodyStart = blank.upperBound
        let structure = bodyStructure(for: frames[index], at: blank.lowerBound)
        emit(.headerEnd(segment(blank, line), structure))
        header = HeaderState()
        frames[index].bodyStart = bodyStart
        switch structure.kind {
        case .leaf:
            frames[index].phase = .body
        case .multipart(let boundary):
            frames[index].phase = .preamble
            frames[index].boundary = boundary
            frames[index].isDigest = structure.mediaType.subtype == "digest"
        case .message:
            guard opensChild, partCount < options.maxParts else {
                if opensChild { emit(.defect(Defect(.tooManyParts, at: bodyStart, severity: .error))) }
                frames[index].phase = .body
                return
            }
            partCount += 1
            frames[index].phase = .message
            frames.append(Frame(depth: frames[index].depth + 1, bodyStart: bodyStart, isDigestChild: false))
            emit(.entityBegin(offset: bodyStart))
        }
    }

    /// The offset of the colon if `content` starts with a valid field name (RFC 5322 §3.6.8
    /// printable ASCII except colon), allowing white space before the colon (§4.5).
    static func fieldColon(_ content: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        while i < content.count {
            let b = content[i]
            if b == UInt8(ascii: ":") { break }
            if b <= 0x20 || b >= 0x7F {
                // Only white space may follow the name before the colon.
                guard i > 0, b == 0x20 || b == 0x09 else { return nil }
                var j = i
                while j < content.count, content[j] == 0x20 || content[j] == 0x09 { j += 1 }
                guard j < content.count, content[j] == UInt8(ascii: ":") else { return nil }
                return j
            }
            i += 1
        }
        return i > 0 && i < content.count ? i : nil
    }

    /// Whether a field name is Content-Type or Content-Transfer-Encoding (case-insensitive).
    static func structuralKind(_ name: UnsafeRawBufferPointer) -> HeaderState.Structural? {
        var n = name.count
        while n > 0, name[n - 1] == 0x20 || name[n - 1] == 0x09 { n -= 1 }
        func equals(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == n else { return false }
            let p = literal.utf8Start
            for i in 0..<n where name[i] | 0x20 != p[i] | 0x20 { return false }
            return true
        }
        if n == 12, equals("content-type") { return .contentType }
        if n == 25, equals("content-transfer-encoding") { return .transferEncoding }
        return nil
    }
}

extension MIMEReader {
    /// Takes the folded continuation lines of the field being read in one go, when only ranges
    /// are reported (`Message`'s path) and the field is not one whose value the reader keeps
    /// (Content-Type, Content-Transfer-Encoding). Line by line, each such line would only move
    /// the field's end (`extendField`), so the events are the same; lines without a line break
    /// or as long as `maxLineLength` are left to the line-by-line path, which reports them.
    /// Long folded fields (DKIM-Signature, Received, References) are much of a list message's
    /// header (issue "Performance").
    mutating func takeContinuationLines(input: UnsafeRawBufferPointer, base: Int) -> Bool {
        guard frames[frames.count - 1].phase == .header, let fieldStart = header.fieldStart,
              header.structural == nil else { return false }
        var from = cursor - base
        while from < input.count, input[from] == 0x20 || input[from] == 0x09 {
            let limit = min(input.count, from + options.maxLineLength)
            guard let lf = ByteScan.firstIndex(of: 0x0A, in: input, from: from, to: limit),
                  lf + 1 - from < options.maxLineLength else { break }
            from = lf + 1
        }
        let end = base + from
        guard end > cursor else { return false }
        cursor = end
        header.fieldEnd = end
        if end - fieldStart > options.maxFieldBytes { header.fieldTruncated = true }
        return true
    }
}
