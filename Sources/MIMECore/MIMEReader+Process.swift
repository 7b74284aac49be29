extension MIMEReader {
    /// Handles one line (or a segment of an over-long line) starting at absolute offset `start`.
    mutating func process(line: UnsafeRawBufferPointer, start: Int, isLineStart: Bool, hasLF: Bool) {
        let end = start + line.count
        var contentCount = line.count
        if hasLF {
            contentCount -= 1
            if contentCount > 0, line[contentCount - 1] == 0x0D { contentCount -= 1 }
        }
        if !started {
            started = true
            if isLineStart, hasLF, options.allowsEnvelopeLine, Self.isEnvelope(line) {
                emit(.envelope(segment(start..<end, line)))
                emit(.entityBegin(offset: end))
                frames[0].bodyStart = end
                return
            }
            emit(.entityBegin(offset: start))
        }
        if isLineStart, contentCount >= 2, line[0] == UInt8(ascii: "-"), line[1] == UInt8(ascii: "-"),
           let (index, isClose) = matchDelimiter(UnsafeRawBufferPointer(rebasing: line[..<contentCount])) {
            delimiter(frameIndex: index, isClose: isClose, start: start, end: end, line: line)
            return
        }
        if frames[frames.count - 1].phase == .header {
            headerLine(line, start: start, end: end, contentCount: contentCount, isLineStart: isLineStart)
        } else {
            contentLine(line, start: start, contentCount: contentCount)
        }
    }

    /// `From ` followed by something: the mbox envelope (RFC 4155). Only a first line qualifies.
    static func isEnvelope(_ line: UnsafeRawBufferPointer) -> Bool {
        line.count > 5 && line[0] == 0x46 && line[1] == 0x72 && line[2] == 0x6F && line[3] == 0x6D && line[4] == 0x20
    }

    // MARK: Content

    /// A line of a leaf body, preamble or epilogue. Its line break is held back: if a delimiter
    /// follows, the break belongs to the delimiter (RFC 2046 §5.1.1).
    mutating func contentLine(_ line: UnsafeRawBufferPointer, start: Int, contentCount: Int) {
        let kind: RunKind
        switch frames[frames.count - 1].phase {
        case .preamble: kind = .preamble
        case .epilogue, .parts, .message: kind = .epilogue
        default: kind = .body
        }
        flushHeldEOL(kind)
        emitContent(kind, start..<(start + contentCount), UnsafeRawBufferPointer(rebasing: line[..<contentCount]))
        if contentCount < line.count {
            pendingEOL = (start + contentCount)..<(start + line.count)
        } else {
            pendingEOL = nil
        }
    }

    /// Emits the held-back line break as content of `kind` (a line break is CR LF or LF).
    mutating func flushHeldEOL(_ kind: RunKind) {
        guard let eol = pendingEOL else { return }
        pendingEOL = nil
        guard keepsBytes else { return emitContent(kind, eol, nil) }
        let bytes: [UInt8] = eol.count == 2 ? [0x0D, 0x0A] : [0x0A]
        bytes.withUnsafeBytes { emitContent(kind, eol, $0) }
    }

    // MARK: Delimiters

    /// The innermost open multipart whose boundary this line is, and whether it closes it.
    func matchDelimiter(_ content: UnsafeRawBufferPointer) -> (Int, Bool)? {
        var i = frames.count - 1
        while i >= 0 {
            let frame = frames[i]
            if let boundary = frame.boundary, frame.phase != .epilogue, frame.phase != .header,
               frame.phase != .body, content.count >= 2 + boundary.count {
                var matches = true
                for k in 0..<boundary.count where content[2 + k] != boundary[k] { matches = false; break }
                if matches {
                    var j = 2 + boundary.count
                    var isClose = false
                    if content.count >= j + 2, content[j] == UInt8(ascii: "-"), content[j + 1] == UInt8(ascii: "-") {
                        isClose = true
                        j += 2
                    }
                    while j < content.count, content[j] == 0x20 || content[j] == 0x09 { j += 1 }
                    // A close delimiter followed by junk (`--b-->`) still closes, as Python's
                    // email reads it: nothing legitimate can start with the whole close delimiter.
                    if j == content.count || isClose { return (i, isClose) }
                }
            }
            i -= 1
        }
        return nil
    }

    /// A delimiter line of `frames[frameIndex]`: closes the entities inside it, then opens the
    /// next part (or the epilogue, for the close delimiter).
    mutating func delimiter(frameIndex: Int, isClose: Bool, start: Int, end: Int, line: UnsafeRawBufferPointer) {
        let delimiterStart = pendingEOL?.lowerBound ?? start
        let held = pendingEOL
        pendingEOL = nil
        closeFrames(above: frameIndex, at: delimiterStart)
        // A close delimiter's own line break is held back like a content line's.
        var lineCount = line.count
        if isClose, line.last == 0x0A {
            lineCount -= (line.count >= 2 && line[line.count - 2] == 0x0D) ? 2 : 1
        }
        var bytes: [UInt8]? = nil
        if keepsBytes {
            bytes = (held?.count == 2 ? [0x0D, 0x0A] : held == nil ? [] : [0x0A]) + Array(line[..<lineCount])
        }
        emit(.delimiter(Segment(range: delimiterStart..<(start + lineCount), bytes: bytes), isClose: isClose))
        frames[frameIndex].sawDelimiter = true
        if isClose, Self.hasJunkAfterCloseDelimiter(line, boundaryCount: frames[frameIndex].boundary?.count ?? 0) {
            emit(.defect(Defect(.junkAfterCloseDelimiter, at: start, severity: .notice)))
        }
        if isClose {
            frames[frameIndex].phase = .epilogue
            if lineCount < line.count { pendingEOL = (start + lineCount)..<end }
            return
        }
        guard partCount < options.maxParts else {
            emit(.defect(Defect(.tooManyParts, at: start, severity: .error)))
            frames[frameIndex].phase = .epilogue
            return
        }
        partCount += 1
        frames[frameIndex].phase = .parts
        let parent = frames[frameIndex]
        frames.append(Frame(depth: parent.depth + 1, bodyStart: end, isDigestChild: parent.isDigest))
        header = HeaderState()
        emit(.entityBegin(offset: end))
    }

    static func hasJunkAfterCloseDelimiter(_ line: UnsafeRawBufferPointer, boundaryCount: Int) -> Bool {
        var j = 4 + boundaryCount
        while j < line.count, line[j] == 0x20 || line[j] == 0x09 { j += 1 }
        return j < line.count && line[j] != 0x0D && line[j] != 0x0A
    }

    /// Ends every entity nested inside `frames[index]` at `offset`.
    mutating func closeFrames(above index: Int, at offset: Int) {
        while frames.count - 1 > index {
            closeTop(at: offset)
        }
    }

    /// Ends the innermost entity at `offset`.
    mutating func closeTop(at offset: Int) {
        if frames[frames.count - 1].phase == .header {
            finishField()
            let kind: Defect.Kind = frames.count == 1 && header.fieldCount == 0 ? .unterminatedHeader : .truncatedHeader
            emit(.defect(Defect(kind, at: offset)))
            endHeader(blank: offset..<offset, line: nil, opensChild: false)
        }
        let frame = frames[frames.count - 1]
        if frame.boundary != nil, frame.phase == .preamble || frame.phase == .parts {
            emit(.defect(Defect(frame.sawDelimiter ? .missingCloseDelimiter : .noPartsFound, at: offset)))
        }
        emit(.entityEnd(offset: offset))
        frames.removeLast()
    }

    /// End of input: flush the held line break into the innermost content, close everything.
    mutating func closeAll(at offset: Int) {
        if !started {
            started = true
            emit(.entityBegin(offset: offset))
        }
        if pendingEOL != nil {
            let kind: RunKind
            switch frames[frames.count - 1].phase {
            case .preamble: kind = .preamble
            case .body: kind = .body
            default: kind = .epilogue
            }
            flushHeldEOL(kind)
        }
        while !frames.isEmpty { closeTop(at: offset) }
        _ = flushRun()
        closed = true
    }
}
