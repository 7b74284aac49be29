/// Writing of Content-Type and Content-Disposition parameters (RFC 2045 §5.1, RFC 2231).
enum MIMEParameters {
    /// RFC 2045 `tspecials`; a token is any other printable ASCII except space.
    static func isTokenByte(_ b: UInt8) -> Bool {
        guard b > 0x20, b < 0x7F else { return false }
        return !"()<>@,;:\\\"/[]?=".utf8.contains(b)
    }

    /// `; name=value` pieces for one parameter. ASCII values are a token or a quoted string;
    /// non-ASCII, control characters or very long values use RFC 2231 `name*=utf-8''…`
    /// percent-encoding, split into numbered continuations (`name*0*=`, `name*1*=`) so no
    /// piece is longer than a line.
    static func render(_ name: String, _ value: String) -> [String] {
        let bytes = Array(value.utf8)
        // `=?` would let a lenient reader (ours, GMime, MimeKit) decode the plain value as an
        // RFC 2047 word; percent-encoded it cannot be read as one.
        let looksEncoded = value.contains("=?")
        // `'` and `*` are token characters, but Python's email (3.11) rejects a token holding
        // `'` and cuts one at `*` (both mean something in RFC 2231 names): quote those.
        if !looksEncoded, !bytes.isEmpty, bytes.count <= 60, bytes.allSatisfy(isTokenByte),
            !bytes.contains(UInt8(ascii: "'")), !bytes.contains(UInt8(ascii: "*"))
        { return [name + "=" + value] }
        if !looksEncoded, bytes.count <= 60, bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return [name + "=" + Mailbox.quoted(value)]
        }
        // Percent-encode whole characters, at most ~60 octets of output per piece.
        let hex = Array("0123456789ABCDEF".utf8)
        var pieces: [[UInt8]] = [Array("utf-8''".utf8)]
        for scalar in value.unicodeScalars {
            var encoded: [UInt8] = []
            for b in UTF8.encode(scalar)! {
                if isTokenByte(b), b != UInt8(ascii: "%"), b != UInt8(ascii: "'"), b != UInt8(ascii: "*") {
                    encoded.append(b)
                } else {
                    encoded += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
            }
            if pieces[pieces.count - 1].count + encoded.count > 60 { pieces.append([]) }
            pieces[pieces.count - 1] += encoded
        }
        if pieces.count == 1 { return [name + "*=" + String(decoding: pieces[0], as: UTF8.self)] }
        return pieces.enumerated().map { k, piece in
            name + "*\(k)*=" + String(decoding: piece, as: UTF8.self)
        }
    }

    /// `type/subtype; a=b; c=d` as one line, for folding.
    static func headerText(_ head: String, _ parameters: [(String, String)], nameFallback: String? = nil) -> String {
        var out = head
        for (name, value) in parameters {
            for piece in render(name, value) { out += "; " + piece }
        }
        if let nameFallback {
            // `name=` with RFC 2047 encoded words (not allowed inside a quoted string by
            // RFC 2047 §5, but what Outlook and older mailers read when they ignore RFC 2231).
            let bytes = Array(nameFallback.utf8)
            if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && bytes.count <= 60 && !nameFallback.contains("=?") {
                out += "; " + render("name", nameFallback)[0]
            } else {
                let words = EncodedWord.encodeWords(Array(nameFallback.unicodeScalars)[...])
                // Too long for one line: RFC 2231 readers still have the full name.
                if words.utf8.count <= 900 { out += "; name=\"" + words + "\"" }
            }
        }
        return out
    }
}
