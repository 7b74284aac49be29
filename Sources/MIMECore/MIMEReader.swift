/// A resumable, sans-I/O MIME tokenizer: bytes in, `Event`s out.
///
/// Feed it chunks of any size with `feed(_:)`, call `finish()` at the end of input, and pull
/// events with `next()` until it returns nil (more input needed, or the end was reached). It
/// holds at most the unprocessed input, one header field and one line, each capped by
/// `ParserOptions`, whatever the message size. Offsets in events are absolute (64-bit `Int`).
///
/// The grammar is RFC 5322 §2 (header fields, folding, the blank line) and RFC 2046 §5.1
/// (multipart delimiters, preamble, epilogue, nesting), with message/rfc822 bodies parsed as
/// messages (RFC 2046 §5.2.1). Feeding the same bytes in any chunking yields the same events,
/// except that content runs (`body`, `preamble`, `epilogue`) may be split or merged.
///
/// Deviations (each a `Defect`):
/// 1. A header line that is neither a field nor a continuation ends the header; the body starts
///    at that line (`missingHeaderBodySeparator`), as Python's `email` and MimeKit do.
/// 2. A delimiter line inside a part's header ends that header (`truncatedHeader`).
/// 3. Delimiters match the innermost open multipart first; a delimiter of an outer multipart
///    closes the inner entities (`missingCloseDelimiter`). Transport padding (white space) after
///    a delimiter is allowed; any other trailing text means the line is not a delimiter, except
///    after a close delimiter (`--b--junk` closes, with a defect, as Python's email reads it).
/// 4. A missing close delimiter, a missing boundary parameter, limits exceeded: see `Defect.Kind`.
/// 5. message/rfc822 with a transfer encoding other than 7bit/8bit/binary is kept as a leaf.
/// 6. The first Content-Type and Content-Transfer-Encoding fields win when they are repeated.
public struct MIMEReader: Sendable {
    public let options: ParserOptions
    /// Whether events carry copies of their bytes (streaming use) or only ranges.
    public let keepsBytes: Bool

    // Input: the fed bytes not yet consumed, starting at absolute offset `bufferStart`.
    var buffer: [UInt8] = []
    var bufferStart = 0
    var cursor = 0
    var finished = false
    var atLineStart = true

    // Output.
    var queue: [Event] = []
    var queueHead = 0
    var run: (kind: RunKind, range: Range<Int>, bytes: [UInt8])? = nil

    // Parse state.
    var frames: [Frame] = []
    var started = false
    var closed = false
    var pendingEOL: Range<Int>? = nil
    var partCount = 1
    var header = HeaderState()

    /// A reader that copies bytes into its events when `keepingBytes` (the default), or reports
    /// only ranges (for callers that hold the whole input, as `Message` does).
    public init(options: ParserOptions = ParserOptions(), keepingBytes: Bool = true) {
        self.options = options
        self.keepsBytes = keepingBytes
        frames.append(Frame(depth: 0, bodyStart: 0, isDigestChild: false))
        // Up to a few events wait at once (envelope, entity begin, header end, …): one allocation, not a series.
        queue.reserveCapacity(8)
    }

    /// Adds input. The reader copies what it needs; `bytes` may be reused after the call.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        precondition(!finished, "feed after finish")
        let consumed = cursor - bufferStart
        if consumed > 0 {
            buffer.removeFirst(consumed)
            bufferStart = cursor
        }
        buffer.append(contentsOf: bytes)
    }

    /// Adds input from an array.
    public mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Marks the end of input: the last line needs no line break, open entities are closed.
    public mutating func finish() {
        finished = true
    }

    /// The next event, or nil when the reader needs more input (or, after `finish()`, is done).
    public mutating func next() -> Event? {
        // A second reference, so `self` can be mutated while the bytes are read (no copy is made:
        // only `feed` writes to `buffer`).
        let input = buffer
        return input.withUnsafeBytes { nextEvent(input: $0, base: bufferStart) }
    }

    /// Pulls events straight from a caller's whole input, without copying it (`Message` uses this).
    /// `input` must be the complete remaining input, starting at absolute offset `base`, and
    /// the same on every call; `finish()` must have been called.
    mutating func next(wholeInput input: UnsafeRawBufferPointer, base: Int) -> Event? {
        if !started, cursor < base {
            cursor = base
            bufferStart = base
        }
        return nextEvent(input: input, base: base)
    }

    /// `next(wholeInput:base:)` for the benchmark package, which measures the reader alone on the path
    /// `Message` takes (SPI: not API).
    @_spi(Benchmarking)
    public mutating func benchmarkNext(wholeInput input: UnsafeRawBufferPointer, base: Int) -> Event? {
        next(wholeInput: input, base: base)
    }

    private mutating func nextEvent(input: UnsafeRawBufferPointer, base: Int) -> Event? {
        while true {
            if queueHead < queue.count {
                // Moved out, leaving a payload-free placeholder: no copy, retain and later release of the
                // event's payload (a measurable share of the per-field cost).
                var event = Event.entityEnd(offset: 0)
                swap(&event, &queue[queueHead])
                queueHead += 1
                if queueHead == queue.count {
                    queue.removeAll(keepingCapacity: true)
                    queueHead = 0
                }
                return event
            }
            if closed { return flushRun() ? nextEvent(input: input, base: base) : nil }
            if !keepsBytes, atLineStart {
                if finished, takeFinalContent(inputEnd: base + input.count) { continue }
                if let field = takeWholeField(input: input, base: base) { return field }
                if takeContentLines(input: input, base: base) { continue }
                if takeContinuationLines(input: input, base: base) { continue }
            }
            guard let (start, end, hasLF) = nextSegment(input: input, base: base) else {
                if finished {
                    closeAll(at: cursor)
                    continue
                }
                // Waiting for input: hand out what has accumulated so memory stays bounded.
                if flushRun() { continue }
                return nil
            }
            let lineStart = atLineStart
            if lineStart, !hasLF, end - start == options.maxLineLength {
                emit(.defect(Defect(.lineTooLong, at: start, severity: .notice)))
            }
            atLineStart = hasLF
            cursor = end
            let line = UnsafeRawBufferPointer(rebasing: input[(start - base)..<(end - base)])
            process(line: line, start: start, isLineStart: lineStart, hasLF: hasLF)
            // Keep growing a content run while nothing else is queued, up to a bound.
            if queue.isEmpty, let r = run, keepsBytes, r.bytes.count >= 1 << 16 { _ = flushRun() }
        }
    }

    /// Takes the rest of the input as one content run when it cannot hold anything but content: the innermost
    /// entity is a leaf body or an epilogue, no open multipart could see a delimiter, and the rest is shorter
    /// than `maxLineLength` (so no `lineTooLong` defect is due). Line by line, the same bytes would merge into
    /// this one run, held-back line breaks included, so the events are the same; only `Message`'s path (all
    /// input, no byte copies) takes it. Most of a message's bytes are in such a body (issue "Performance").
    private mutating func takeFinalContent(inputEnd: Int) -> Bool {
        guard cursor < inputEnd, inputEnd - cursor < options.maxLineLength else { return false }
        let kind: RunKind
        switch frames[frames.count - 1].phase {
        case .body: kind = .body
        case .epilogue: kind = .epilogue
        default: return false
        }
        // The frames `matchDelimiter` would try.
        for frame in frames where frame.boundary != nil {
            switch frame.phase {
            case .epilogue, .header, .body: continue
            default: return false
            }
        }
        flushHeldEOL(kind)
        emitContent(kind, cursor..<inputEnd, nil)
        cursor = inputEnd
        return true
    }

    /// Takes the whole lines from the cursor up to the next delimiter line as one content run, when the
    /// innermost entity is reading content (a leaf body, a preamble or an epilogue). Every other line would go
    /// to `contentLine` and merge into the same run, its line break held back, so the events are the same.
    /// The lines taken end within `maxLineLength` of the cursor, so none of them is over-long. Ranges-only
    /// readers (`Message`'s path) take it; a body then costs a scan for lines starting with `--` instead of a
    /// pass per line (issue "Performance").
    private mutating func takeContentLines(input: UnsafeRawBufferPointer, base: Int) -> Bool {
        let kind: RunKind
        switch frames[frames.count - 1].phase {
        case .body: kind = .body
        case .preamble: kind = .preamble
        case .epilogue: kind = .epilogue
        default: return false
        }
        let from = cursor - base
        let scanEnd = min(input.count, from + options.maxLineLength)
        // The first line in [from, scanEnd) that is a delimiter of an open multipart (or may be one: a line
        // starting with `-` that is cut by `scanEnd`). Other lines starting with `-` (diff lines, `---`
        // separators) are content, as `contentLine` would take them.
        var stop = scanEnd
        var i = from
        while let dash = ByteScan.firstLineStart(with: 0x2D, in: input, from: i, to: scanEnd) {
            i = dash + 1
            // Only `--` can open a delimiter; a line cut by `scanEnd` is left to the line-by-line path.
            guard dash + 1 < scanEnd else {
                stop = dash
                break
            }
            guard input[dash + 1] == 0x2D else { continue }
            guard let lf = ByteScan.firstIndex(of: 0x0A, in: input, from: dash, to: scanEnd) else {
                stop = dash
                break
            }
            let contentEnd = lf > dash && input[lf - 1] == 0x0D ? lf - 1 : lf
            let line = UnsafeRawBufferPointer(rebasing: input[dash..<contentEnd])
            if matchDelimiter(line) != nil {
                stop = dash
                break
            }
            i = lf + 1
        }
        // Whole lines only: a line cut by `scanEnd` is left to the line-by-line path.
        var end = stop
        if stop == scanEnd {
            end = 0
            var j = scanEnd - 1
            while j >= from {
                if input[j] == 0x0A { end = j + 1; break }
                j -= 1
            }
        }
        guard end > from else { return false }
        // The last line's break is held back, as `contentLine` does: CR LF when the line has a CR before its LF.
        let eolStart = end - 2 >= from && input[end - 2] == 0x0D ? end - 2 : end - 1
        flushHeldEOL(kind)
        emitContent(kind, cursor..<(base + eolStart), nil)
        pendingEOL = (base + eolStart)..<(base + end)
        cursor = base + end
        return true
    }

    /// The next line or line segment as absolute bounds, or nil if more input is needed.
    private func nextSegment(input: UnsafeRawBufferPointer, base: Int) -> (Int, Int, Bool)? {
        let from = cursor - base
        let available = input.count - from
        guard available > 0 else { return nil }
        let limit = min(input.count, from + options.maxLineLength)
        if let lf = ByteScan.firstIndex(of: 0x0A, in: input, from: from, to: limit) {
            return (cursor, base + lf + 1, true)
        }
        if available >= options.maxLineLength { return (cursor, cursor + options.maxLineLength, false) }
        if finished { return (cursor, base + input.count, false) }
        return nil
    }

    // MARK: Output helpers

    enum RunKind { case body, preamble, epilogue }

    /// Queues an event, first flushing any content run so order is kept.
    mutating func emit(_ event: Event) {
        _ = flushRun()
        queue.append(event)
    }

    /// Adds content bytes to the current run (merging contiguous content of the same kind).
    mutating func emitContent(_ kind: RunKind, _ range: Range<Int>, _ bytes: UnsafeRawBufferPointer?) {
        guard !range.isEmpty else { return }
        if var r = run, r.kind == kind, r.range.upperBound == range.lowerBound {
            run = nil
            r.range = r.range.lowerBound..<range.upperBound
            if keepsBytes, let bytes { r.bytes.append(contentsOf: bytes) }
            run = r
            return
        }
        _ = flushRun()
        run = (kind, range, keepsBytes ? Array(bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)) : [])
    }

    /// Moves the content run into the queue; true if there was one.
    mutating func flushRun() -> Bool {
        guard let r = run else { return false }
        run = nil
        let segment = Segment(range: r.range, bytes: keepsBytes ? r.bytes : nil)
        switch r.kind {
        case .body: queue.append(.body(segment))
        case .preamble: queue.append(.preamble(segment))
        case .epilogue: queue.append(.epilogue(segment))
        }
        return true
    }

    func segment(_ range: Range<Int>, _ bytes: UnsafeRawBufferPointer?) -> Segment {
        Segment(range: range, bytes: keepsBytes ? bytes.map { Array($0) } ?? [] : nil)
    }
}
