/// Text decoded from a header, with the defects noticed on the way.
public struct DecodedText: Sendable, Hashable {
    /// The decoded text.
    public var text: String
    /// What was tolerated on the way, with absolute offsets.
    public var defects: [Defect]

    /// Creates a result.
    public init(text: String, defects: [Defect] = []) {
        self.text = text
        self.defects = defects
    }
}

extension EncodedWord {
    /// Decodes unstructured header text (RFC 5322 §3.2.5 `unstructured`, e.g. Subject) or a
    /// phrase (display name) that may contain RFC 2047 encoded words. Unfold first.
    ///
    /// - Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2), and only there.
    /// - Adjacent words in the same charset are joined as octets before transcoding, so a
    ///   multibyte character split across two words comes back whole.
    /// - UTF-8, US-ASCII and ISO-8859-1 are decoded here; other charsets go to `transcoder`.
    ///   When it is nil or does not know the charset, the words stay visible as written
    ///   (`unknownCharset`).
    /// - Raw 8-bit text is UTF-8 (RFC 6532), else read as ISO-8859-1 (`invalidHeaderUTF8`).
    ///
    /// The lenient reading of damaged words is listed on `EncodedWordScanner` and
    /// `decodePayload`. Never fails; linear time.
    ///
    /// - Parameter baseOffset: the absolute offset of `bytes[0]` in the message, for defects.
    public static func decodeText(
        _ bytes: [UInt8], transcoder: (any CharsetTranscoder)? = nil, baseOffset: Int = 0
    ) -> DecodedText {
        // Fast path: nothing to decode.
        if !bytes.contains(UInt8(ascii: "=")) {
            let raw = BuiltinCharset.decodeRaw(bytes[...])
            var defects: [Defect] = []
            if raw.hadInvalidBytes { defects.append(Defect(.invalidHeaderUTF8, at: baseOffset, severity: .notice)) }
            return DecodedText(text: raw.text, defects: defects)
        }
        var decoder = TextDecoder(bytes: bytes, transcoder: transcoder, baseOffset: baseOffset)
        decoder.run()
        return DecodedText(text: decoder.output, defects: decoder.defects)
    }
}

/// The state of one `decodeText` pass: literal runs, pending whitespace and the open group of
/// same-charset encoded words.
private struct TextDecoder {
    let bytes: [UInt8]
    let transcoder: (any CharsetTranscoder)?
    let baseOffset: Int
    var scanner: EncodedWordScanner
    var output = ""
    var defects: [Defect] = []

    /// Adjacent encoded words in one charset, waiting to be transcoded together.
    struct Group {
        var charset: String
        var key: String
        var octets: [UInt8]
        var rawStart: Int
        var rawEnd: Int
        /// Whitespace dropped before the first word (it followed another encoded word); shown
        /// again if this group turns out to be in an unknown charset and is kept as written.
        var droppedSpace: Range<Int>?
    }
    var group: Group? = nil
    var literalStart: Int? = nil
    var pendingSpace: Range<Int>? = nil
    var previousWasEncoded = false

    init(bytes: [UInt8], transcoder: (any CharsetTranscoder)?, baseOffset: Int) {
        self.bytes = bytes
        self.transcoder = transcoder
        self.baseOffset = baseOffset
        self.scanner = EncodedWordScanner(bytes: bytes)
    }

    mutating func note(_ kind: Defect.Kind, _ at: Int, _ severity: Defect.Severity = .notice) {
        defects.append(Defect(kind, at: baseOffset + at, severity: severity))
    }

    mutating func run() {
        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            if EncodedWordScanner.isWhitespace(c) {
                flushLiteral(upTo: i)
                var j = i + 1
                while j < n, EncodedWordScanner.isWhitespace(bytes[j]) { j += 1 }
                pendingSpace = i..<j
                i = j
                continue
            }
            if c == UInt8(ascii: "="), let token = scanner.scan(at: i) {
                if literalStart != nil { note(.encodedWordNotDelimited, i) }
                flushLiteral(upTo: i)
                addEncodedWord(token)
                i = token.end
                continue
            }
            if literalStart == nil {
                flushGroup()
                if previousWasEncoded, pendingSpace == nil { note(.encodedWordNotDelimited, i) }
                emitPendingSpace()
                literalStart = i
                previousWasEncoded = false
            }
            i += 1
        }
        flushLiteral(upTo: n)
        flushGroup()
        emitPendingSpace()
    }

    mutating func emitPendingSpace() {
        if let space = pendingSpace {
            output += String(decoding: bytes[space], as: UTF8.self)
            pendingSpace = nil
        }
    }

    mutating func flushLiteral(upTo end: Int) {
        guard let start = literalStart else { return }
        let decoded = BuiltinCharset.decodeRaw(bytes[start..<end])
        if decoded.hadInvalidBytes { note(.invalidHeaderUTF8, start) }
        output += decoded.text
        literalStart = nil
    }

    mutating func addEncodedWord(_ token: EncodedWordScanner.Token) {
        if !token.isTerminated { note(.encodedWordUnterminated, token.start, .warning) }
        if token.containsWhitespace { note(.encodedWordContainsWhitespace, token.start) }
        if token.text.isEmpty { note(.encodedWordEmpty, token.start) }
        var problems = EncodedWord.Problems()
        let octets = EncodedWord.decodePayload(bytes[token.text], encoding: token.encoding, problems: &problems)
        if problems.invalidText { note(.encodedWordInvalidText, token.start) }
        if problems.badPadding { note(.encodedWordBase64Padding, token.start) }

        let key = BuiltinCharset.lowercasedASCII(token.charset)
        if group != nil, group!.key == key {
            // RFC 2047 §6.2: whitespace between adjacent encoded words is not displayed.
            group!.octets += octets
            group!.rawEnd = token.end
        } else {
            let keptRaw = flushGroup()
            var dropped: Range<Int>? = nil
            if !previousWasEncoded || keptRaw { emitPendingSpace() } else { dropped = pendingSpace }
            group = Group(
                charset: token.charset, key: key, octets: octets, rawStart: token.start, rawEnd: token.end,
                droppedSpace: dropped)
        }
        pendingSpace = nil
        previousWasEncoded = true
    }

    /// Transcodes the open group; returns true when it was kept as written (unknown charset).
    @discardableResult
    mutating func flushGroup() -> Bool {
        guard let g = group else { return false }
        group = nil
        if let decoded = BuiltinCharset.decode(g.octets, charset: g.charset, transcoder: transcoder) {
            if decoded.hadInvalidBytes { note(.invalidCharsetBytes, g.rawStart) }
            output += decoded.text
            return false
        }
        // Unknown charset: show the words, and the whitespace around and between them, exactly
        // as written, so the raw words stay readable and separable.
        note(.unknownCharset, g.rawStart, .warning)
        if let space = g.droppedSpace { output += String(decoding: bytes[space], as: UTF8.self) }
        output += BuiltinCharset.decodeRaw(bytes[g.rawStart..<g.rawEnd]).text
        return true
    }
}
