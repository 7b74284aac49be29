/// A filename from a message made safe to create in a directory (CLI.md `extract -d`): the
/// sender chooses attachment names, so they are treated as hostile.
///
/// Rules, in order: only the last path component (after any `/` or `\`); control characters
/// and U+FFFD removed; no leading dots (so no `.` , `..` or hidden files); at most 255 bytes
/// of UTF-8, cut at a character boundary and keeping the extension when it fits; when nothing
/// remains, `part-N` with an extension from the media type.
public enum SafeFilename {
    public static func sanitized(_ name: String?, partNumber: Int, mediaType: MediaType) -> String {
        var candidate = ""
        if let name {
            let base = name.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.last.map(String.init) ?? ""
            var scalars = String.UnicodeScalarView()
            for s in base.unicodeScalars where s.value >= 0x20 && s.value != 0x7F && s.value != 0xFFFD
                && !(0x80...0x9F).contains(s.value) {
                scalars.append(s)
            }
            candidate = String(scalars)
            candidate = String(candidate.drop { $0 == "." })  // in one step: linear in the dots
            candidate = candidate.trimmingTrailingSpaces()
            candidate = truncated(candidate, maxBytes: 255)
        }
        if candidate.isEmpty { candidate = "part-\(partNumber).\(fileExtension(for: mediaType))" }
        return candidate
    }

    /// `name` cut to at most `maxBytes` of UTF-8 at a character boundary, keeping a short
    /// extension.
    static func truncated(_ name: String, maxBytes: Int) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var ext = ""
        if let dot = name.lastIndex(of: "."), name.distance(from: dot, to: name.endIndex) <= 16 {
            ext = String(name[dot...])
        }
        var stem = ext.isEmpty ? name : String(name[..<name.lastIndex(of: ".")!])
        while stem.utf8.count + ext.utf8.count > maxBytes, !stem.isEmpty { stem.removeLast() }
        return stem + ext
    }

    /// A file extension for a media type, for fallback names.
    public static func fileExtension(for type: MediaType) -> String {
        switch type.description {
        case "text/plain": return "txt"
        case "text/html": return "html"
        case "text/calendar": return "ics"
        case "image/jpeg", "image/jpg", "image/pjpeg": return "jpg"
        case "image/png": return "png"
        case "image/gif": return "gif"
        case "application/pdf": return "pdf"
        case "application/zip": return "zip"
        case "message/rfc822", "message/global": return "eml"
        case "application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature": return "sig"
        default: return "bin"
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
