extension Message {
    /// A part's body with its Content-Transfer-Encoding undone (RFC 2045 §6), plus what the
    /// decoder tolerated. Identity encodings (7bit, 8bit, binary, none) give the bytes as they are.
    /// An unknown encoding is left undone, with a defect.
    public func decodedBody(of id: Part.ID) -> (bytes: [UInt8], defects: [Defect]) {
        let part = parts[id.rawValue]
        let body = body(of: id)
        guard let name = part.transferEncoding else { return (body.bytes, []) }
        let encoding = TransferEncoding(parsing: name)
        if encoding.isIdentity { return (body.bytes, []) }
        return body.withUnsafeBytes { encoding.decode($0, baseOffset: part.bodyStart) }
    }

    /// A text part's body decoded and transcoded to UTF-8 from its declared charset (RFC 2046
    /// §4.1.2: us-ascii when none is declared), through `transcoder` (default: the installed
    /// `CharsetTranscoders.shared`, else MIMECore's UTF-8 / US-ASCII / ISO-8859-1).
    ///
    /// A body with an identity transfer encoding is transcoded from the source in place, without
    /// a copy first. Valid UTF-8 labelled UTF-8, and ASCII labelled US-ASCII, is already its own
    /// UTF-8: it is returned as decoded without calling the transcoder.
    ///
    /// Deviations (each a defect): an unknown charset is read as UTF-8 where valid and ISO-8859-1
    /// elsewhere, so no byte is lost (`charsetUnknown`); bytes invalid in the charset become
    /// U+FFFD (`charsetInvalidBytes`).
    public func text(of id: Part.ID, transcoder: (any CharsetTranscoder)? = CharsetTranscoders.shared)
        -> (utf8: [UInt8], defects: [Defect]) {
        let part = parts[id.rawValue]
        let charset = part.charset ?? "us-ascii"
        if part.transferEncoding.map({ TransferEncoding(parsing: $0).isIdentity }) ?? true {
            return body(of: id).withUnsafeBytes { raw in
                Self.transcode(raw, decoded: nil, charset: charset, at: part.bodyStart, transcoder: transcoder, defects: [])
            }
        }
        return text(of: id, decoded: decodedBody(of: id), transcoder: transcoder)
    }

    /// `text(of:)` of a body already transfer-decoded: `decoded` is what `decodedBody(of: id)`
    /// returned, so a caller that needs both (`mailparse stats --decode`) decodes once.
    public func text(of id: Part.ID, decoded: (bytes: [UInt8], defects: [Defect]),
                     transcoder: (any CharsetTranscoder)? = CharsetTranscoders.shared) -> (utf8: [UInt8], defects: [Defect]) {
        let part = parts[id.rawValue]
        return decoded.bytes.withUnsafeBytes { raw in
            Self.transcode(raw, decoded: decoded.bytes, charset: part.charset ?? "us-ascii", at: part.bodyStart,
                           transcoder: transcoder, defects: decoded.defects)
        }
    }

    /// The second half of `text(of:)`: `raw` (whose owned copy is `decoded`, if there is one)
    /// transcoded from `charset`, with the defects so far.
    private static func transcode(_ raw: UnsafeRawBufferPointer, decoded: [UInt8]?, charset: String, at offset: Int,
                                  transcoder: (any CharsetTranscoder)?, defects: [Defect]) -> (utf8: [UInt8], defects: [Defect]) {
        var defects = defects
        switch BasicTranscoder.basicCharset(named: charset) {
        case .utf8 where TextBytes.isValidUTF8(raw), .usASCII where TextBytes.firstNonASCII(raw) == raw.count:
            return (decoded ?? Array(raw), defects)
        default:
            break
        }
        var out: [UInt8] = []
        let basic = BasicTranscoder()
        let result: TranscodeResult?
        if let transcoder, let r = transcoder.transcode(raw, from: charset, into: &out) {
            result = r
        } else {
            result = basic.transcode(raw, from: charset, into: &out)
        }
        if let result {
            if result.hadInvalidBytes { defects.append(Defect(.charsetInvalidBytes, at: offset)) }
        } else {
            defects.append(Defect(.charsetUnknown, at: offset))
            out.removeAll()
            _ = basic.transcode(raw, from: "utf-8", into: &out)
        }
        return (out, defects)
    }

    /// The part RFC 8621 §4.1.4 would show as the message's text: the first text/plain part
    /// that is not an attachment, preferring text/plain over text/html inside
    /// multipart/alternative; else the first such text/html part. Parts inside attached messages
    /// are not considered. Nil when there is none.
    public func bestTextPart() -> Part.ID? {
        var firstHTML: Part.ID? = nil
        var i = 0
        while i < parts.count {
            let part = parts[i]
            if part.disposition?.type == "attachment" || (part.kind == .message && i > 0) {
                i = part.subtreeEnd  // skip the whole subtree
                continue
            }
            if part.kind == .leaf, part.mediaType.type == "text" {
                if part.mediaType.subtype == "plain" { return part.id }
                if part.mediaType.subtype == "html", firstHTML == nil { firstHTML = part.id }
            }
            i += 1
        }
        return firstHTML
    }

    /// The best text (see `bestTextPart`) as UTF-8: transcoded, format=flowed undone (RFC 3676),
    /// HTML turned into plain text when HTML is all there is.
    public func bestText(transcoder: (any CharsetTranscoder)? = CharsetTranscoders.shared)
        -> (utf8: [UInt8], defects: [Defect])? {
        guard let id = bestTextPart() else { return nil }
        let part = parts[id.rawValue]
        var (text, defects) = self.text(of: id, transcoder: transcoder)
        if part.mediaType.subtype == "html" {
            return (HTMLText.plainText(text), defects)
        }
        if part.mediaType.parameter("format")?.lowercased() == "flowed" {
            let delSp = part.mediaType.parameter("delsp")?.lowercased() == "yes"
            let flowed = FormatFlowed(delSp: delSp).decode(text, baseOffset: part.bodyStart)
            text = flowed.text
            defects += flowed.defects
        }
        return (text, defects)
    }
}
