/// Finds encoded words (RFC 2047 §2) in header bytes, in linear time.
///
/// Deviations from RFC 2047 §2 (each one seen from real mailers):
/// 1. Encoded words are found anywhere, not only as whole whitespace-delimited words; the
///    decoder records `encodedWordNotDelimited` when one touches text.
/// 2. A word without its closing `?=` ends at the next whitespace, at the next `=?`, or at the
///    end of the input (`encodedWordUnterminated`).
/// 3. Encoded text may contain whitespace when a `?=` follows before any other `=?`
///    (`=?iso-8859-1?q?hello world?=`, `encodedWordContainsWhitespace`).
/// 4. The 75-character limit of §2 is not enforced, but a charset name longer than 64 bytes is
///    not believed to start a word; this also bounds the look-back of the searches below.
struct EncodedWordScanner {
    /// One encoded word's location and header.
    struct Token {
        var start: Int
        /// The charset without the RFC 2231 §5 `*language` suffix.
        var charset: String
        var language: String?
        var encoding: EncodedWord.Encoding
        /// The encoded text (between `?B?`/`?Q?` and `?=`).
        var text: Range<Int>
        /// Index just past the word (past `?=` when terminated).
        var end: Int
        var isTerminated: Bool
        var containsWhitespace: Bool
    }

    static let maximumCharsetLength = 64

    let bytes: [UInt8]
    private var closers = ForwardSearch(pattern: .closer)
    private var openers = ForwardSearch(pattern: .opener)
    private var spaces = ForwardSearch(pattern: .whitespace)

    init(bytes: [UInt8]) { self.bytes = bytes }

    static func isWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A
    }

    /// Reads an encoded word starting at `start` (which must hold `=?`), or nil if none starts there.
    mutating func scan(at start: Int) -> Token? {
        let n = bytes.count
        guard start + 1 < n, bytes[start] == UInt8(ascii: "="), bytes[start + 1] == UInt8(ascii: "?") else {
            return nil
        }
        // charset ["*" language] "?"
        var p = start + 2
        var star: Int? = nil
        while p < n, bytes[p] != UInt8(ascii: "?"), !Self.isWhitespace(bytes[p]), bytes[p] > 0x20, bytes[p] < 0x7F,
            p - start - 2 < Self.maximumCharsetLength
        {
            if bytes[p] == UInt8(ascii: "*"), star == nil { star = p }
            p += 1
        }
        let charsetEnd = star ?? p
        guard p < n, bytes[p] == UInt8(ascii: "?"), charsetEnd > start + 2 else { return nil }
        // encoding "?"
        guard p + 2 < n, bytes[p + 2] == UInt8(ascii: "?") else {
            return nil
        }
        let encoding: EncodedWord.Encoding
        switch bytes[p + 1] {
        case UInt8(ascii: "B"), UInt8(ascii: "b"): encoding = .base64
        case UInt8(ascii: "Q"), UInt8(ascii: "q"): encoding = .quoted
        default: return nil
        }
        let textStart = p + 3
        let charset = String(decoding: bytes[(start + 2)..<charsetEnd], as: UTF8.self)
        let language = star.map { String(decoding: bytes[($0 + 1)..<p], as: UTF8.self) }

        let closer = closers.next(from: textStart, in: bytes)
        let space = spaces.next(from: textStart, in: bytes)
        // An opener at closer-1 is the "=?=" of base64 padding ("YQ==?="), not a new word.
        let opener = openers.next(from: textStart, in: bytes)
        let openerBeforeCloser = closer < n && opener < closer - 1
        if closer < n, !openerBeforeCloser {
            return Token(
                start: start, charset: charset, language: language, encoding: encoding,
                text: textStart..<closer, end: closer + 2, isTerminated: true, containsWhitespace: space < closer)
        }
        let end = min(space, opener, n)
        return Token(
            start: start, charset: charset, language: language, encoding: encoding,
            text: textStart..<end, end: end, isTerminated: false, containsWhitespace: false)
    }
}

/// "Where is the next X at or after q?" with a one-entry cache, so that the nearly increasing
/// queries of a left-to-right scan cost linear time overall instead of rescanning to the end
/// for every `=?` (the quadratic trap of `=?a?q?x =?a?q?x ...` without any `?=`).
struct ForwardSearch {
    enum Pattern {
        /// `?=`
        case closer
        /// `=?`
        case opener
        /// SP, HTAB, CR, LF
        case whitespace
    }

    let pattern: Pattern
    /// Cache: no match in `searchedFrom..<found`, and `found` is a match (or the end).
    private var searchedFrom = Int.max
    private var found = Int.max

    init(pattern: Pattern) { self.pattern = pattern }

    private func matches(_ j: Int, _ b: [UInt8]) -> Bool {
        switch pattern {
        case .closer: return b[j] == UInt8(ascii: "?") && j + 1 < b.count && b[j + 1] == UInt8(ascii: "=")
        case .opener: return b[j] == UInt8(ascii: "=") && j + 1 < b.count && b[j + 1] == UInt8(ascii: "?")
        case .whitespace: return EncodedWordScanner.isWhitespace(b[j])
        }
    }

    /// The index of the next match at or after `q`, or `b.count` when there is none.
    mutating func next(from q: Int, in b: [UInt8]) -> Int {
        if searchedFrom != Int.max {
            if q >= searchedFrom && q <= found { return found }
            if q < searchedFrom {
                // Short look-back (bounded by the charset cap): scan only the gap.
                var j = q
                while j < searchedFrom {
                    if matches(j, b) { return j }
                    j += 1
                }
                searchedFrom = q
                return found
            }
        }
        var j = q
        while j < b.count, !matches(j, b) { j += 1 }
        searchedFrom = q
        found = j
        return j
    }
}
