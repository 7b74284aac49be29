/// Operations on a header field's raw value (the bytes after the colon): unfolding and decoding
/// to display text. The convenience the CLI's `mailparse headers` prints.
public enum HeaderValue {
    /// Unfolds a raw field value (RFC 5322 §2.2.3): every CRLF or LF immediately followed by
    /// WSP (space or tab) is removed; the WSP stays.
    ///
    /// Deviations:
    /// 1. A bare LF counts as CRLF (files on Unix store mail with LF line ends).
    /// 2. One line break at the very end (the field's own terminator, if the caller's range
    ///    includes it) is removed.
    /// 3. Any other CR or LF (not part of a fold) is kept: the caller sees the damage.
    public static func unfold(_ raw: [UInt8]) -> [UInt8] {
        unfold(raw[...])
    }

    /// Unfolds a slice of a larger buffer; see `unfold(_:)`.
    public static func unfold(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        unfoldBytes(raw)
    }

    /// Unfolds a field value where the reader left it: in the message's shared storage.
    public static func unfold(_ raw: ByteView) -> [UInt8] {
        raw.withUnsafeBytes { unfoldBytes($0) }
    }

    /// One implementation for every byte container (specialized inside the module).
    private static func unfoldBytes<C: Collection<UInt8>>(_ raw: C) -> [UInt8] where C.Index == Int {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        let end = raw.endIndex
        while i < end {
            let c = raw[i]
            var breakLength = 0
            if c == 0x0D, i + 1 < end, raw[i + 1] == 0x0A {
                breakLength = 2
            } else if c == 0x0A {
                breakLength = 1
            }
            if breakLength > 0 {
                let next = i + breakLength
                if next == end { break }  // the field terminator
                if raw[next] == 0x20 || raw[next] == 0x09 {
                    i = next
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// How a field's value is decoded for display.
    public enum Kind: Sendable, Hashable {
        /// Free text where RFC 2047 encoded words may appear (Subject, Comments, display names
        /// in address fields, unknown and X- fields).
        case text
        /// Structured fields where RFC 2047 §5 forbids encoded words (Date, Message-ID,
        /// Received, Content-Type...): unfolded only.
        case structured
    }

    /// The kind of a field, by name (case-insensitive).
    public static func kind(ofField name: String) -> Kind {
        switch BuiltinCharset.lowercasedASCII(name) {
        case "date", "resent-date", "message-id", "resent-message-id", "in-reply-to", "references",
            "content-id", "received", "content-type", "content-transfer-encoding", "content-disposition",
            "mime-version", "dkim-signature", "arc-seal", "arc-message-signature", "authentication-results",
            "arc-authentication-results", "return-path", "content-md5", "list-id", "list-unsubscribe":
            return .structured
        default:
            return .text
        }
    }

    /// Whether a field holds an address list (RFC 5322 §3.6.2, §3.6.3, §3.6.6; RFC 3834
    /// Delivered-To; RFC 2369 List-Post is not one: it holds URLs).
    public static func isAddressField(_ name: String) -> Bool {
        switch BuiltinCharset.lowercasedASCII(name) {
        case "from", "sender", "reply-to", "to", "cc", "bcc", "resent-from", "resent-sender", "resent-to",
            "resent-cc", "resent-bcc", "resent-reply-to", "return-path", "delivered-to", "disposition-notification-to",
            "mail-followup-to", "mail-reply-to", "x-original-to", "errors-to", "apparently-to":
            return true
        default:
            return false
        }
    }

    /// The display text of a field: unfolded, leading and trailing whitespace removed, RFC 2047
    /// decoded unless the field is `.structured`. Raw 8-bit bytes are read as UTF-8
    /// (RFC 6532), else ISO-8859-1, with a defect.
    ///
    /// - Parameters:
    ///   - name: the field name as written (any case).
    ///   - raw: the bytes after the colon, folding included.
    ///   - baseOffset: absolute offset of `raw[0]`, for defects (approximate after unfolding).
    public static func decodedText(
        name: String, raw: [UInt8], transcoder: (any CharsetTranscoder)? = nil, baseOffset: Int = 0
    ) -> DecodedText {
        decodedText(name: name, unfolded: unfold(raw), transcoder: transcoder, baseOffset: baseOffset)
    }

    /// `decodedText(name:raw:transcoder:baseOffset:)` of a value where the reader left it
    /// (`HeaderField.rawValueView`): one working copy fewer, which matters for huge fields.
    public static func decodedText(
        name: String, rawView: ByteView, transcoder: (any CharsetTranscoder)? = nil, baseOffset: Int = 0
    ) -> DecodedText {
        decodedText(name: name, unfolded: unfold(rawView), transcoder: transcoder, baseOffset: baseOffset)
    }

    private static func decodedText(
        name: String, unfolded value: consuming [UInt8], transcoder: (any CharsetTranscoder)?, baseOffset: Int
    ) -> DecodedText {
        var lead = 0
        while lead < value.count, EncodedWordScanner.isWhitespace(value[lead]) { lead += 1 }
        var trail = value.count
        while trail > lead, EncodedWordScanner.isWhitespace(value[trail - 1]) { trail -= 1 }
        // Trimmed in place: no second copy of a large value.
        value.removeLast(value.count - trail)
        value.removeFirst(lead)
        switch kind(ofField: name) {
        case .text:
            return EncodedWord.decodeText(value, transcoder: transcoder, baseOffset: baseOffset + lead)
        case .structured:
            let decoded = BuiltinCharset.decodeRaw(value[...])
            var defects: [Defect] = []
            if decoded.hadInvalidBytes {
                defects.append(Defect(.invalidHeaderUTF8, at: baseOffset + lead, severity: .notice))
            }
            return DecodedText(text: decoded.text, defects: defects)
        }
    }
}
