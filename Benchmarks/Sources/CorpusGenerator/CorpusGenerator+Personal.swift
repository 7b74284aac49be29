// The `personal` mix: a personal mailbox, attachment-heavy (see README.md). Plain text, multipart/alternative,
// multipart/related newsletters with inline images, multipart/mixed with base64 attachments of 10 KB–2 MB and
// forwarded message/rfc822, in utf-8, iso-8859-1, windows-1252, koi8-r and iso-2022-jp, with encoded-word subjects
// and RFC 2231 filenames.
extension CorpusGenerator {
    mutating func personalMessage(into m: inout MailBuffer) -> Person {
        personalMessage(into: &m, nested: false)
    }

    mutating func personalMessage(into m: inout MailBuffer, nested: Bool) -> Person {
        let sender = person()
        let charset = rng.pick([Charset.utf8, .utf8, .utf8, .utf8, .iso88591, .windows1252, .windows1252, .koi8r,
                                .iso2022jp, .usASCII])
        if !nested { m.field("Return-Path", "<\(sender.address)>") }
        receivedChain(rng.int(in: nested ? 1...3 : 2...5), to: person().address, into: &m)
        if rng.chance(0.7) { dkimSignature(domain: String(sender.address.split(separator: "@")[1]), into: &m) }
        m.field("From", sender.mailbox)
        m.field("To", (0..<rng.int(in: 1...3)).map { _ in person().mailbox }, separator: ", ")
        if rng.chance(0.3) { m.field("Cc", (0..<rng.int(in: 1...4)).map { _ in person().mailbox }, separator: ", ") }
        m.field("Subject", personalSubject(charset))
        m.field("Date", MailDate.rfc5322(clock, offsetMinutes: zone()))
        m.field("Message-ID", newMessageID())
        if rng.chance(0.5) { m.field(rng.chance(0.5) ? "X-Mailer" : "User-Agent", rng.pick(Vocabulary.mailers)) }
        if rng.chance(0.2) { m.field("Thread-Index", Base64.string(randomBytes(22))) }
        m.field("MIME-Version", "1.0")

        let paragraphs = textParagraphs(charset)
        let roll = rng.unit()
        if roll < 0.25 {
            textLeaf("plain", plain(paragraphs), charset: charset, into: &m)
        } else if roll < 0.55 {
            alternative(paragraphs, charset: charset, into: &m)
        } else if roll < 0.70 {
            related(paragraphs, charset: charset, into: &m)
        } else if roll < 0.96 || nested {
            let outer = boundary()
            m.field("Content-Type", "multipart/mixed; boundary=\"\(outer)\"")
            m.line()
            m.line("--\(outer)")
            if rng.chance(0.4) { textLeaf("plain", plain(paragraphs), charset: charset, into: &m) }
            else { alternative(paragraphs, charset: charset, into: &m) }
            for _ in 0..<rng.pick([1, 1, 1, 2, 2, 3]) {
                m.line("--\(outer)")
                attachment(into: &m)
            }
            m.line("--\(outer)--")
        } else {
            let outer = boundary()
            m.field("Content-Type", "multipart/mixed; boundary=\"\(outer)\"")
            m.line()
            m.line("--\(outer)")
            textLeaf("plain", Charset.utf8.encode("---------- Forwarded message ---------\n\n"), charset: .utf8, into: &m)
            m.line("--\(outer)")
            m.field("Content-Type", "message/rfc822")
            if rng.chance(0.5) { m.field("Content-Disposition", "attachment; filename=\"forwarded.eml\"") }
            m.line()
            // The forwarded message is older; the mailbox's own clock must not move back with it.
            let now = clock
            clock -= rng.int(in: 3_600...2_000_000)
            _ = personalMessage(into: &m, nested: true)
            clock = now
            m.line("--\(outer)--")
        }
        return sender
    }

    mutating func personalSubject(_ charset: Charset) -> String {
        let prefix = rng.pick(["", "", "", "Re: ", "RE: ", "Fwd: ", "AW: ", "Fw: "])
        let flavor: TextFlavor = charset == .koi8r ? .russian : charset == .usASCII ? .ascii : .latin
        let topic = String(sentence(flavor).dropLast())
        guard charset != .usASCII && rng.chance(0.5) else { return prefix + String(topic.prefix(60)) }
        let bytes = charset == .iso2022jp ? Charset.japanese(rng.int(in: 4...14), &rng) : charset.encode(String(topic.prefix(40)))
        let label = charset.rawValue.uppercased()
        let word = charset == .iso88591 || charset == .windows1252 ? EncodedWord.q(bytes, charset: label) : EncodedWord.b(bytes, charset: label)
        return prefix + word
    }

    /// Body text as paragraphs of lines, already in `charset`.
    mutating func textParagraphs(_ charset: Charset) -> [[[UInt8]]] {
        let flavor: TextFlavor = switch charset {
        case .usASCII, .iso2022jp: .ascii
        case .iso88591: .latin
        case .utf8, .windows1252: .smart
        case .koi8r: .russian
        }
        return (0..<rng.int(in: 1...8)).map { _ in
            if charset == .iso2022jp {
                return (0..<rng.int(in: 1...5)).map { _ in Charset.japanese(rng.int(in: 8...36), &rng) }
            }
            return paragraph(flavor).map { charset.encode($0) }
        }
    }

    func plain(_ paragraphs: [[[UInt8]]]) -> [UInt8] {
        var out: [UInt8] = []
        for paragraph in paragraphs {
            for line in paragraph { out += line; out.append(0x0A) }
            out.append(0x0A)
        }
        return out
    }

    /// HTML as webmail writes it: long unwrapped lines, `style=` attributes (so QP has `=3D` to write).
    mutating func html(_ paragraphs: [[[UInt8]]], charset: Charset, images: [String] = []) -> [UInt8] {
        var out = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset.rawValue)\"></head>\n<body><div style=\"font-family: Calibri, Arial, sans-serif; font-size: 11pt; color: #1f1f1f\">\n".utf8)
        for paragraph in paragraphs {
            out += Array("<p style=\"margin: 0 0 12px 0\">".utf8)
            for (index, line) in paragraph.enumerated() { out += line; if index + 1 < paragraph.count { out.append(0x20) } }
            out += Array("</p>\n".utf8)
        }
        for cid in images {
            out += Array("<p><img src=\"cid:\(cid)\" width=\"\(rng.int(in: 100...800))\" alt=\"\(word())\"></p>\n".utf8)
        }
        out += Array("</div></body></html>\n".utf8)
        return out
    }

    /// A text leaf: fields, blank line, body in a transfer encoding that suits the charset.
    mutating func textLeaf(_ subtype: String, _ data: [UInt8], charset: Charset, into m: inout MailBuffer) {
        let encoding: String
        switch charset {
        case .usASCII, .iso2022jp: encoding = "7bit"
        case .koi8r: encoding = rng.chance(0.6) ? "8bit" : "base64"
        case .iso88591, .windows1252: encoding = rng.chance(0.7) ? "quoted-printable" : "8bit"
        case .utf8: encoding = rng.pick(["quoted-printable", "quoted-printable", "base64", "8bit", "8bit"])
        }
        m.field("Content-Type", "text/\(subtype); charset=\(rng.chance(0.5) ? "\"\(charset.rawValue)\"" : charset.rawValue)")
        m.field("Content-Transfer-Encoding", encoding)
        m.line()
        writeBody(data, encoding: encoding, into: &m)
    }

    mutating func alternative(_ paragraphs: [[[UInt8]]], charset: Charset, into m: inout MailBuffer) {
        let outer = boundary()
        m.field("Content-Type", "multipart/alternative; boundary=\"\(outer)\"")
        m.line()
        m.line("--\(outer)")
        textLeaf("plain", plain(paragraphs), charset: charset, into: &m)
        m.line("--\(outer)")
        textLeaf("html", html(paragraphs, charset: charset), charset: charset, into: &m)
        m.line("--\(outer)--")
    }

    /// A newsletter: HTML with 1–5 inline images referenced by Content-ID (RFC 2387), in one of the two nestings
    /// mailers use (related inside alternative, or alternative inside related).
    mutating func related(_ paragraphs: [[[UInt8]]], charset: Charset, into m: inout MailBuffer) {
        let cids = (0..<rng.int(in: 1...5)).map { "image\(String($0 + 1)).png@\(hex(8)).\(hex(8))" }
        let relatedBoundary = boundary()
        func images(_ self: inout CorpusGenerator, _ m: inout MailBuffer) {
            for (index, cid) in cids.enumerated() {
                m.line("--\(relatedBoundary)")
                m.field("Content-Type", "image/png; name=\"image00\(index + 1).png\"")
                m.field("Content-Transfer-Encoding", "base64")
                m.field("Content-ID", "<\(cid)>")
                m.field("Content-Disposition", "inline; filename=\"image00\(index + 1).png\"")
                m.line()
                m.base64([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + self.randomBytes(self.rng.logUniform(in: 2_000...200_000)))
            }
            m.line("--\(relatedBoundary)--")
        }
        if rng.chance(0.5) {
            let outer = boundary()
            m.field("Content-Type", "multipart/alternative; boundary=\"\(outer)\"")
            m.line()
            m.line("--\(outer)")
            textLeaf("plain", plain(paragraphs), charset: charset, into: &m)
            m.line("--\(outer)")
            m.field("Content-Type", "multipart/related; type=\"text/html\"; boundary=\"\(relatedBoundary)\"")
            m.line()
            m.line("--\(relatedBoundary)")
            textLeaf("html", html(paragraphs, charset: charset, images: cids), charset: charset, into: &m)
            images(&self, &m)
            m.line("--\(outer)--")
        } else {
            m.field("Content-Type", "multipart/related; type=\"multipart/alternative\"; boundary=\"\(relatedBoundary)\"")
            m.line()
            m.line("--\(relatedBoundary)")
            let inner = boundary()
            m.field("Content-Type", "multipart/alternative; boundary=\"\(inner)\"")
            m.line()
            m.line("--\(inner)")
            textLeaf("plain", plain(paragraphs), charset: charset, into: &m)
            m.line("--\(inner)")
            textLeaf("html", html(paragraphs, charset: charset, images: cids), charset: charset, into: &m)
            m.line("--\(inner)--")
            images(&self, &m)
        }
    }

    /// A base64 attachment of 10 KB–2 MB whose bytes start like the file type they claim.
    mutating func attachment(into m: inout MailBuffer) {
        let kinds: [(type: String, ext: String, magic: [UInt8])] = [
            ("application/pdf", "pdf", Array("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)),
            ("application/pdf", "pdf", Array("%PDF-1.7\n".utf8)),
            ("image/jpeg", "jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46]),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", [0x50, 0x4B, 0x03, 0x04]),
            ("application/zip", "zip", [0x50, 0x4B, 0x03, 0x04]),
            ("application/octet-stream", "bin", []),
        ]
        let kind = rng.pick(kinds)
        let stem = rng.chance(0.5) ? "\(word())_\(word())_\(rng.int(in: 2015...2025))" : rng.pick(Vocabulary.latinWords + Vocabulary.russianWords) + " \(word())"
        let name = "\(stem).\(kind.ext)"
        let ascii = name.unicodeScalars.allSatisfy { $0.value < 0x80 }
        let roll = rng.unit()
        if ascii || roll < 0.35 {
            // Either plain, or non-ASCII written as an encoded word inside quotes (Outlook, Gmail; RFC 2047 §5
            // forbids it, every reader accepts it).
            let shown = ascii ? name : EncodedWord.b(Array(name.utf8), charset: "UTF-8")
            m.field("Content-Type", [kind.type + ";", "name=\"\(shown)\""])
            m.field("Content-Disposition", ["attachment;", "filename=\"\(shown)\""])
        } else if roll < 0.75 {
            m.field("Content-Type", [kind.type + ";", "name=\"\(name.unicodeScalars.map { $0.value < 0x80 ? String($0) : "_" }.joined())\""])
            m.field("Content-Disposition", ["attachment;", "filename*=\(EncodedWord.rfc2231(Array(name.utf8), charset: "UTF-8"))"])
        } else {
            // RFC 2231 §3 continuations, as Thunderbird splits long names.
            let encoded = Array(EncodedWord.rfc2231(Array(name.utf8), charset: "UTF-8").utf8)
            var pieces: [String] = ["attachment;"]
            var start = 0
            while start < encoded.count {
                var end = min(start + 40, encoded.count)
                while end < encoded.count && end > start + 2 && (encoded[end - 1] == 0x25 || encoded[end - 2] == 0x25) { end -= 1 }
                pieces.append("filename*\(pieces.count - 1)*=\(String(decoding: encoded[start..<end], as: UTF8.self));")
                start = end
            }
            pieces[pieces.count - 1].removeLast()
            m.field("Content-Type", [kind.type + ";", "name=\"\(name.unicodeScalars.map { $0.value < 0x80 ? String($0) : "_" }.joined())\""])
            m.field("Content-Disposition", pieces)
        }
        m.field("Content-Transfer-Encoding", "base64")
        m.line()
        // The smaller of two log-uniform draws: most attachments are tens of kilobytes, a few approach 2 MB.
        let size = min(rng.logUniform(in: 10_000...2_000_000), rng.logUniform(in: 10_000...2_000_000))
        m.base64(kind.magic + randomBytes(size))
    }
}
