#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// The sans-I/O mbox framing state machine shared by `MboxReader` (one buffer) and
/// `MboxFileReader` (windows of a file): both feed it bytes and get identical entries.
///
/// The caller passes a buffer covering absolute offsets `base..<base + count` that must start
/// at or before `keepFrom`; the framer answers with an entry, `.needMoreData` (append bytes and
/// call again), or `.end`. All positions it stores are absolute, so a caller may drop bytes
/// before `keepFrom` between calls. It never rescans a complete line: work is linear.
///
/// Framing rules (RFC 4155 §2 and what real files need):
/// 1. An entry starts at a `From ` line that validates (`MboxFromLine`). A valid `From ` line
///    splits wherever it starts a line, with a blank line before it or not: Netscape wrote
///    `--\nFrom - …` (mimekit's content-length.mbox.txt, messages 1→2); a missing blank line is
///    a notice defect. A `From ` line that does not validate is body text.
/// 2. The message is the bytes after the `From ` line up to, not including, the line break
///    just before the next `From ` line (CLI.md). That line break is CRLF when the next
///    `From ` line ends in CRLF and the bytes before it are CRLF, else LF.
/// 3. At the end of the input, one final line break is framing only when the entry ends with a
///    blank line (the writer's separator); otherwise the message runs to the end (this keeps
///    MimeKit's offsets for files whose last message has no separator).
/// 4. `Content-Length` (the last such field in the header) is honoured when the format allows
///    it and the body end it gives is the end of input, or a line break followed by the end of
///    input or by a valid `From ` line. Otherwise it is ignored with a defect.
/// 5. A UTF-8 byte order mark and blank lines before the first `From ` line are skipped with a
///    defect; other bytes there become an entry without an envelope.
struct MboxFramer {
    /// One entry's absolute ranges.
    struct Bounds: Sendable {
        var entry: Range<Int>
        var fromLine: Range<Int>?
        var sender: Range<Int>?
        var date: Range<Int>?
        var message: Range<Int>
        var escaping: MboxEscaping
        var quotedLines: Int
        var defects: [Defect]
    }

    enum Step {
        case entry(Bounds)
        case needMoreData
        case end
    }

    private enum Phase {
        case start, resynchronize, envelope, lines, verifyContentLength(end: Int), finished
    }

    let options: MboxReadOptions
    private var phase = Phase.start
    /// The first byte the caller must still hold: the start of the entry being framed.
    private(set) var keepFrom: Int
    private let inputStart: Int
    // The entry in progress.
    private var fromLine: Range<Int>?
    private var parsed: MboxFromLine.Parsed?
    /// The `From ` line that ended the previous entry, already parsed (absolute start, parse): the
    /// envelope phase then reads it without parsing it again.
    private var nextFromLine: (start: Int, parsed: MboxFromLine.Parsed)?
    private var messageStart = 0
    private var position = 0
    private var inHeader = true
    private var headerEnd: Int?
    private var contentLength: Int?
    private var quotedLines = 0
    private var defects: [Defect] = []
    /// Where blank lines before the first `From ` line began, while they span buffers.
    private var leadingBlankStart: Int?
    /// Visit every body line instead of jumping between `From ` candidates: the slow
    /// reference the tests compare `nextFromCandidate` with.
    var visitsEveryBodyLine = false

    init(options: MboxReadOptions, start: Int = 0) {
        self.options = options
        self.keepFrom = start
        self.inputStart = start
        self.position = start
    }

    /// A framer that starts in the middle of a mailbox: the first entry is the first valid
    /// `From ` line that starts a line at or after `offset`. The caller's first buffer must
    /// begin at `offset - 1` (to see whether `offset` starts a line) when `offset > 0`.
    ///
    /// Deviation: a `Content-Length`-protected body (mboxcl2) that contains a valid unquoted
    /// `From ` line can make this split where a reader from the start would not.
    init(options: MboxReadOptions, resynchronizingAt offset: Int) {
        self.init(options: options, start: max(0, offset - 1))
        if offset > 0 { phase = .resynchronize }
    }

    /// Advances over `buffer` (absolute offsets `base..<base + buffer.count`).
    mutating func step(_ buffer: UnsafeRawBufferPointer, base: Int, atEOF: Bool) -> Step {
        let end = base + buffer.count
        precondition(base <= keepFrom, "MboxFramer: buffer dropped bytes still needed")
        while true {
            switch phase {
            case .finished:
                return .end
            case .start:
                if position == inputStart {
                    if end - position < 3 && !atEOF { return .needMoreData }
                    if end - position >= 3, buffer[position - base] == 0xEF,
                       buffer[position - base + 1] == 0xBB, buffer[position - base + 2] == 0xBF {
                        defects.append(Defect(.mboxByteOrderMark, at: position, severity: .notice))
                        position += 3
                    }
                }
                let blankStart = leadingBlankStart ?? position
                while position < end, buffer[position - base] == 0x0A || buffer[position - base] == 0x0D {
                    position += 1
                }
                if position == end && !atEOF {
                    // The blank lines may go on in the next buffer: one defect, at their start.
                    if position > blankStart { leadingBlankStart = blankStart }
                    keepFrom = position
                    return .needMoreData
                }
                if position > blankStart {
                    defects.append(Defect(.mboxLeadingBlankLines, at: blankStart, severity: .notice))
                }
                if position == end { phase = .finished; return .end }
                keepFrom = position
                phase = .envelope
            case .resynchronize:
                if position == inputStart {
                    // The byte before the requested offset: a line starts after it only if it is LF.
                    if position == end { if atEOF { phase = .finished; return .end } else { return .needMoreData } }
                    if buffer[position - base] == 0x0A {
                        position += 1
                    } else {
                        guard let next = Self.lineEnd(buffer, base: base, from: position, atEOF: atEOF) else { return .needMoreData }
                        position = next
                    }
                }
                while true {
                    keepFrom = position
                    if position == end {
                        if atEOF { phase = .finished; return .end }
                        return .needMoreData
                    }
                    guard let next = Self.lineEnd(buffer, base: base, from: position, atEOF: atEOF) else { return .needMoreData }
                    let content = Self.contentEnd(buffer, base: base, start: position, lineEnd: next)
                    let text = UnsafeRawBufferPointer(rebasing: buffer[(position - base)..<(content - base)])
                    if MboxFromLine.parse(text) != nil { break }
                    position = next
                }
                phase = .envelope
            case .envelope:
                let start = keepFrom
                if end - start < 5 && !atEOF { return .needMoreData }
                let line = UnsafeRawBufferPointer(rebasing: buffer[(start - base)...])
                if MboxFromLine.startsWithFrom(line, at: 0) {
                    guard let lineEnd = Self.lineEnd(buffer, base: base, from: start, atEOF: atEOF) else {
                        return .needMoreData
                    }
                    let content = Self.contentEnd(buffer, base: base, start: start, lineEnd: lineEnd)
                    let text = UnsafeRawBufferPointer(rebasing: buffer[(start - base)..<(content - base)])
                    if let next = nextFromLine, next.start == start {
                        parsed = next.parsed
                    } else {
                        parsed = MboxFromLine.parse(text)
                    }
                    nextFromLine = nil
                    if parsed == nil {
                        // Only the first entry can get here with an invalid line.
                        defects.append(Defect(.mboxInvalidFromLine, at: start))
                        parsed = MboxFromLine.Parsed(sender: 5..<max(5, content - start), date: content - start..<content - start)
                    }
                    fromLine = start..<content
                    messageStart = lineEnd
                } else {
                    defects.append(Defect(.mboxMissingFromLine, at: start))
                    fromLine = nil
                    parsed = nil
                    messageStart = start
                }
                position = messageStart
                inHeader = true
                headerEnd = nil
                contentLength = nil
                quotedLines = 0
                phase = .lines
            case .lines:
                if let step = scanLines(buffer, base: base, atEOF: atEOF) { return step }
            case .verifyContentLength(let bodyEnd):
                if let step = verifyContentLength(bodyEnd, buffer, base: base, atEOF: atEOF) { return step }
            }
        }
    }

    /// Scans complete lines from `position`; returns a step, or nil when the phase changed.
    private mutating func scanLines(_ buffer: UnsafeRawBufferPointer, base: Int, atEOF: Bool) -> Step? {
        let end = base + buffer.count
        let escaping = options.format.escaping
        while true {
            if !inHeader && !visitsEveryBodyLine {
                position = Self.nextFromCandidate(buffer, base: base, from: position, atEOF: atEOF)
            }
            if position == end {
                guard atEOF else { return .needMoreData }
                return finishAtEOF(buffer, base: base)
            }
            guard let lineEnd = Self.lineEnd(buffer, base: base, from: position, atEOF: atEOF) else {
                return .needMoreData
            }
            let line = UnsafeRawBufferPointer(rebasing: buffer[(position - base)..<(lineEnd - base)])
            if inHeader {
                let content = Self.contentEnd(buffer, base: base, start: position, lineEnd: lineEnd)
                if content == position {
                    inHeader = false
                    headerEnd = lineEnd
                    if options.format.honoursContentLength, let length = contentLength {
                        position = lineEnd
                        if length > options.contentLengthLimit {
                            defects.append(Defect(.mboxContentLengthTooLarge, at: position))
                        } else {
                            phase = .verifyContentLength(end: lineEnd + length)
                            return nil
                        }
                        continue
                    }
                } else if let length = Self.contentLengthValue(line) {
                    contentLength = length
                }
            }
            if line.first == UInt8(ascii: "F"), MboxFromLine.startsWithFrom(line, at: 0) {
                let content = Self.contentEnd(buffer, base: base, start: position, lineEnd: lineEnd)
                let text = UnsafeRawBufferPointer(rebasing: buffer[(position - base)..<(content - base)])
                if let fromLine = MboxFromLine.parse(text) {
                    nextFromLine = (position, fromLine)
                    let crlf = content != lineEnd && lineEnd - content == 2
                    return .entry(finishBefore(position, nextIsCRLF: crlf, buffer, base: base, checkBlank: true))
                }
            } else {
                quotedLines += escaping.quotedPrefix(line)
            }
            position = lineEnd
        }
    }

    /// Checks where `Content-Length` says the body ends.
    private mutating func verifyContentLength(_ bodyEnd: Int, _ buffer: UnsafeRawBufferPointer,
                                              base: Int, atEOF: Bool) -> Step? {
        let end = base + buffer.count
        let bodyStart = headerEnd ?? position
        func fail() -> Step? {
            defects.append(Defect(.mboxContentLengthMismatch, at: bodyStart))
            position = bodyStart
            phase = .lines
            return nil
        }
        if bodyEnd > end { return atEOF ? fail() : .needMoreData }
        var next = bodyEnd
        if bodyEnd < end {
            let c = buffer[bodyEnd - base]
            if c == 0x0A {
                next = bodyEnd + 1
            } else if c == 0x0D {
                if bodyEnd + 1 == end && !atEOF { return .needMoreData }
                guard bodyEnd + 1 < end, buffer[bodyEnd + 1 - base] == 0x0A else { return fail() }
                next = bodyEnd + 2
            } else {
                return fail()
            }
        }
        if next < end || !atEOF {
            if end - next < 5 && !atEOF { return .needMoreData }
            guard let lineEnd = Self.lineEnd(buffer, base: base, from: next, atEOF: atEOF) else { return .needMoreData }
            let content = Self.contentEnd(buffer, base: base, start: next, lineEnd: lineEnd)
            let text = UnsafeRawBufferPointer(rebasing: buffer[(next - base)..<(content - base)])
            guard MboxFromLine.parse(text) != nil else { return fail() }
        }
        // Trusted: count the quoted lines of the body; a bare `From ` line means no quoting.
        var escaping = options.format.escaping
        var quoted = 0
        var p = bodyStart
        while p < bodyEnd {
            let lineEnd = Self.lineEnd(buffer, base: base, from: p, atEOF: true).map { min($0, bodyEnd) } ?? bodyEnd
            let line = UnsafeRawBufferPointer(rebasing: buffer[(p - base)..<(lineEnd - base)])
            if options.format == .auto, escaping != .none, MboxFromLine.startsWithFrom(line, at: 0) {
                defects.append(Defect(.mboxUnescapedFromInBody, at: p, severity: .notice))
                escaping = .none
            }
            quoted += escaping.quotedPrefix(line)
            p = lineEnd
        }
        if escaping == .none { quoted = 0 } else { quoted += quotedLines }
        let bounds = Bounds(entry: keepFrom..<next, fromLine: fromLine,
                            sender: parsed.map { shift($0.sender) }, date: parsed.map { shift($0.date) },
                            message: messageStart..<bodyEnd, escaping: escaping, quotedLines: quoted,
                            defects: defects)
        startNextEntry(at: next, atEOF: next == end && atEOF)
        return .entry(bounds)
    }

    /// Ends the entry at the end of the input (rule 3).
    private mutating func finishAtEOF(_ buffer: UnsafeRawBufferPointer, base: Int) -> Step {
        let end = base + buffer.count
        var messageEnd = end
        if fromLine != nil, end > messageStart, buffer[end - 1 - base] == 0x0A {
            let crlf = messageStart - fromLine!.upperBound == 2  // the From line ends in CRLF
            let breakLength = crlf && end - 2 >= messageStart && buffer[end - 2 - base] == 0x0D ? 2 : 1
            let q = end - breakLength
            if q == messageStart || buffer[q - 1 - base] == 0x0A { messageEnd = q }
        }
        let bounds = Bounds(entry: keepFrom..<end, fromLine: fromLine,
                            sender: parsed.map { shift($0.sender) }, date: parsed.map { shift($0.date) },
                            message: messageStart..<messageEnd, escaping: options.format.escaping,
                            quotedLines: quotedLines, defects: defects)
        phase = .finished
        return .entry(bounds)
    }

    /// Ends the entry before the valid `From ` line at `next` (rule 2).
    private mutating func finishBefore(_ next: Int, nextIsCRLF: Bool, _ buffer: UnsafeRawBufferPointer,
                                       base: Int, checkBlank: Bool) -> Bounds {
        var messageEnd = next
        if next > messageStart && buffer[next - 1 - base] == 0x0A {
            let crlf = nextIsCRLF && next - 2 >= messageStart && buffer[next - 2 - base] == 0x0D
            messageEnd = next - (crlf ? 2 : 1)
        }
        if checkBlank && messageEnd > messageStart && buffer[messageEnd - 1 - base] != 0x0A {
            defects.append(Defect(.mboxMissingBlankLine, at: next, severity: .notice))
        }
        let bounds = Bounds(entry: keepFrom..<next, fromLine: fromLine,
                            sender: parsed.map { shift($0.sender) }, date: parsed.map { shift($0.date) },
                            message: messageStart..<messageEnd, escaping: options.format.escaping,
                            quotedLines: quotedLines, defects: defects)
        startNextEntry(at: next, atEOF: false)
        return bounds
    }

    private mutating func startNextEntry(at next: Int, atEOF: Bool) {
        keepFrom = next
        position = next
        defects = []
        phase = atEOF ? .finished : .envelope
    }

    private func shift(_ r: Range<Int>) -> Range<Int> {
        let s = fromLine?.lowerBound ?? 0
        return s + r.lowerBound..<s + r.upperBound
    }

    /// The offset just after the line break ending the line at `start`, or the end of input at
    /// EOF, or nil when more data is needed.
    static func lineEnd(_ buffer: UnsafeRawBufferPointer, base: Int, from start: Int, atEOF: Bool) -> Int? {
        let count = base + buffer.count - start
        guard count > 0 else { return atEOF ? start : nil }
        let p = memchr(buffer.baseAddress! + (start - base), 0x0A, count)
        if let p { return start + (UnsafeRawPointer(p) - (buffer.baseAddress! + (start - base))) + 1 }
        return atEOF ? base + buffer.count : nil
    }

    /// The end of a line's content: `lineEnd` without its LF or CRLF.
    static func contentEnd(_ buffer: UnsafeRawBufferPointer, base: Int, start: Int, lineEnd: Int) -> Int {
        var e = lineEnd
        if e > start && buffer[e - 1 - base] == 0x0A {
            e -= 1
            if e > start && buffer[e - 1 - base] == 0x0D { e -= 1 }
        }
        return e
    }

    /// The value of a `Content-Length:` header line (case-insensitive name, RFC 5322 §3.6.8
    /// optional field; white space allowed around the digits), or nil.
    static func contentLengthValue(_ line: UnsafeRawBufferPointer) -> Int? {
        // Called on every header line: the first byte rules out almost all of them.
        let name: StaticString = "content-length"
        let count = name.utf8CodeUnitCount
        guard line.count > count, line[0] | 0x20 == UInt8(ascii: "c") else { return nil }
        for k in 1..<count where line[k] | 0x20 != name.utf8Start[k] { return nil }
        var i = count
        while i < line.count, MboxFromLine.isSpace(line[i]) { i += 1 }
        guard i < line.count, line[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        while i < line.count, MboxFromLine.isSpace(line[i]) { i += 1 }
        var value = 0, digits = 0
        while i < line.count, line[i] &- 0x30 < 10 {
            value = value * 10 + Int(line[i] &- 0x30)
            digits += 1
            if digits > 18 { return nil }
            i += 1
        }
        guard digits > 0 else { return nil }
        while i < line.count, MboxFromLine.isSpace(line[i]) || line[i] == 0x0D || line[i] == 0x0A { i += 1 }
        return i == line.count ? value : nil
    }
}
