/// HTML reduced to plain text, simply and safely, for showing an HTML-only message's text:
/// tags removed, `<script>` and `<style>` content dropped, block elements and `<br>` turned
/// into line breaks, the common character references decoded. No layout, no links followed.
public enum HTMLText {
    /// Plain UTF-8 text from UTF-8 HTML.
    public static func plainText(_ html: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count / 2)
        var i = 0
        var skipUntil: [UInt8]? = nil  // closing tag name whose content is dropped
        while i < html.count {
            let b = html[i]
            if b == UInt8(ascii: "<") {
                // Comments run to "-->".
                if html[i...].starts(with: Array("<!--".utf8)) {
                    var j = i + 4
                    while j + 2 < html.count, !(html[j] == 0x2D && html[j + 1] == 0x2D && html[j + 2] == 0x3E) { j += 1 }
                    i = min(html.count, j + 3)
                    continue
                }
                var j = i + 1
                while j < html.count, html[j] != UInt8(ascii: ">") { j += 1 }
                let tag = tagName(html[(i + 1)..<min(j, html.count)])
                i = min(html.count, j + 1)
                if let closing = skipUntil {
                    if tag == [UInt8(ascii: "/")] + closing { skipUntil = nil }
                    continue
                }
                if tag == Array("script".utf8) || tag == Array("style".utf8) || tag == Array("head".utf8) {
                    skipUntil = tag
                    continue
                }
                if blockTags.contains(tag) || blockTags.contains(Array(tag.drop { $0 == UInt8(ascii: "/") })) {
                    if out.last != 0x0A, !out.isEmpty { out.append(0x0A) }
                }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if b == UInt8(ascii: "&"), let (decoded, length) = entity(html, at: i) {
                out += decoded
                i += length
                continue
            }
            // Runs of white space collapse to one space, as a browser renders them.
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A {
                if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
        while let last = out.last, last == 0x20 || last == 0x0A { out.removeLast() }
        if !out.isEmpty { out.append(0x0A) }
        return out
    }

    static let blockTags: Set<[UInt8]> = Set(["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                                              "table", "ul", "ol", "blockquote", "pre", "hr", "title"].map { Array($0.utf8) })

    /// The lowercased tag name, with a leading `/` kept for closing tags.
    static func tagName(_ inside: ArraySlice<UInt8>) -> [UInt8] {
        var name: [UInt8] = []
        for b in inside {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == UInt8(ascii: ">") { break }
            if b == UInt8(ascii: "/"), !name.isEmpty { break }
            name.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
        }
        return name
    }

    static let named: [String: UInt32] = ["amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
                                          "nbsp": 0xA0, "copy": 0xA9, "reg": 0xAE, "hellip": 0x2026,
                                          "mdash": 0x2014, "ndash": 0x2013, "euro": 0x20AC]

    /// A character reference at `i` (`&amp;`, `&#233;`, `&#xE9;`): its UTF-8 and length.
    static func entity(_ html: [UInt8], at i: Int) -> ([UInt8], Int)? {
        var j = i + 1
        while j < html.count, j - i <= 10, html[j] != UInt8(ascii: ";") { j += 1 }
        guard j < html.count, html[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let body = html[(i + 1)..<j]
        var scalar: UInt32? = nil
        if body.first == UInt8(ascii: "#") {
            let digits = body.dropFirst()
            if let x = digits.first, x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
                scalar = UInt32(String(decoding: digits.dropFirst(), as: UTF8.self), radix: 16)
            } else {
                scalar = UInt32(String(decoding: digits, as: UTF8.self))
            }
        } else {
            scalar = named[String(decoding: body, as: UTF8.self)]
        }
        guard let value = scalar, let u = Unicode.Scalar(value) else { return nil }
        return (Array(String(Character(u)).utf8), j - i + 1)
    }
}
