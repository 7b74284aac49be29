// The `lists` mix: a mailing-list archive (see README.md). Per message: 15–30 header fields with 3–8 folded
// Received fields, usually a DKIM signature, List-* fields and long References; a body that is a patch, a quoted
// reply or a new post; about 10 % multipart/mixed with an attachment and 3 % multipart/signed.
extension CorpusGenerator {
    enum ListPost { case patch, reply, post }

    mutating func listsMessage(into m: inout MailBuffer) -> Person {
        let sender = person()
        let list = rng.pick(Vocabulary.lists)
        let listHost = rng.pick(["vger.kernel.example", "lists.example.org", "lists.swift.example", "nongnu.example"])
        let listAddress = "\(list)@\(listHost)"
        let roll = rng.unit()
        let kind: ListPost = roll < 0.35 ? .patch : roll < 0.85 ? .reply : .post
        let threaded = kind == .reply || (kind == .patch && rng.chance(0.6))

        m.field("Return-Path", "<\(list)+bounces-\(rng.below(1_000_000))-\(sender.address.replacingAt())@\(listHost)>")
        receivedChain(rng.int(in: 3...8), to: listAddress, into: &m)
        if rng.chance(0.8) { dkimSignature(domain: String(sender.address.split(separator: "@")[1]), into: &m) }
        m.field("From", sender.mailbox)
        m.field("To", [listAddress] + (0..<rng.below(4)).map { _ in person().mailbox }, separator: ", ", foldWith: "    ")
        if rng.chance(0.6) {
            m.field("Cc", (0..<rng.int(in: 1...10)).map { _ in person().mailbox }, separator: ", ", foldWith: "\t")
        }
        m.field("Subject", listSubject(kind, threaded: threaded))
        m.field("Date", MailDate.rfc5322(clock, offsetMinutes: zone()))
        let id = newMessageID()
        m.field("Message-ID", id)
        if threaded {
            let references = earlierIDs(rng.logUniform(in: 1...30))
            m.field("In-Reply-To", references.last!)
            m.field("References", references, separator: " ", foldWith: " ")
        }
        if rng.chance(0.6) { m.field(rng.chance(0.5) ? "X-Mailer" : "User-Agent", rng.pick(Vocabulary.mailers)) }

        let charset: Charset = rng.chance(0.6) ? .utf8 : rng.chance(0.75) ? .usASCII : .iso88591
        let flavor: TextFlavor = charset == .usASCII ? .ascii : charset == .utf8 && rng.chance(0.5) ? .smart : .latin
        var lines = listBody(kind, flavor: flavor, author: sender)
        if rng.chance(0.4) { lines += ["-- ", sender.display ?? sender.address, rng.pick(["", "Red Hat", "SUSE Labs"])] }
        let text = charset.encode(lines.joined(separator: "\n") + "\n")
        let encoding = charset == .usASCII ? "7bit" : rng.chance(charset == .utf8 ? 0.2 : 0.6) ? "quoted-printable" : "8bit"

        m.field("MIME-Version", "1.0")
        let structure = rng.unit()
        if structure < 0.10 {
            let outer = boundary()
            m.field("Content-Type", "multipart/mixed; boundary=\"\(outer)\"")
            listFields(list: list, host: listHost, into: &m)
            m.line()
            m.line("This is a multi-part message in MIME format.")
            m.line("--\(outer)")
            textPart(text, charset: charset, encoding: encoding, into: &m)
            m.line("--\(outer)")
            listAttachment(into: &m)
            m.line("--\(outer)--")
        } else if structure < 0.13 {
            let outer = boundary()
            m.field("Content-Type", ["multipart/signed;", "micalg=pgp-sha256;", "protocol=\"application/pgp-signature\";",
                                     "boundary=\"\(outer)\""], foldWith: "\t")
            listFields(list: list, host: listHost, into: &m)
            m.line()
            m.line("--\(outer)")
            textPart(text, charset: charset, encoding: encoding == "8bit" ? "quoted-printable" : encoding, into: &m)
            m.line("--\(outer)")
            m.line("Content-Type: application/pgp-signature; name=\"signature.asc\"")
            m.line("Content-Description: OpenPGP digital signature")
            m.line()
            m.line("-----BEGIN PGP SIGNATURE-----")
            m.line()
            m.base64(randomBytes(rng.pick([228, 566])), lineLength: 64)
            m.line("=\(Base64.string(randomBytes(3)))")
            m.line("-----END PGP SIGNATURE-----")
            m.line()
            m.line("--\(outer)--")
        } else {
            m.field("Content-Type", "text/plain; charset=\(rng.chance(0.5) ? "\"\(charset.rawValue)\"" : charset.rawValue)")
            m.field("Content-Transfer-Encoding", encoding)
            listFields(list: list, host: listHost, into: &m)
            m.line()
            writeBody(text, encoding: encoding, into: &m)
        }
        return sender
    }

    /// The List-* fields (RFC 2369, RFC 2919) and their companions, written after the MIME fields as
    /// list servers append them.
    mutating func listFields(list: String, host: String, into m: inout MailBuffer) {
        m.field("X-Mailing-List", "\(list)@\(host)")
        m.field("List-Id", "<\(list).\(host)>")
        m.field("List-Unsubscribe", ["<mailto:\(list)+unsubscribe@\(host)>,", "<https://\(host)/unsubscribe/\(list)>"])
        if rng.chance(0.6) { m.field("List-Subscribe", "<mailto:\(list)+subscribe@\(host)>") }
        if rng.chance(0.6) { m.field("List-Archive", "<https://lore.\(host)/\(list)/>") }
        if rng.chance(0.5) { m.field("List-Post", "<mailto:\(list)@\(host)>") }
        if rng.chance(0.4) { m.field("List-Help", "<mailto:\(list)+help@\(host)>") }
        m.field("Precedence", "bulk")
    }

    mutating func listSubject(_ kind: ListPost, threaded: Bool) -> String {
        var topic = (0..<rng.int(in: 3...9)).map { _ in word() }.joined(separator: " ")
        if kind != .post {
            let version = rng.chance(0.5) ? "" : " v\(rng.int(in: 2...9))"
            let total = rng.int(in: 1...12)
            let numbering = total == 1 ? "" : " \(rng.int(in: 1...total))/\(total)"
            topic = "[PATCH\(version)\(numbering)] \(rng.pick(Vocabulary.subsystems)): \(topic)"
        }
        if kind == .reply { topic = "Re: " + topic }
        guard rng.chance(0.06) else { return topic }
        // An encoded-word subject, split into words of at most 30 octets (RFC 2047 §2: 75 characters a word).
        let bytes = Array((topic + " " + rng.pick(Vocabulary.latinWords)).utf8)
        var words: [String] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + 30, bytes.count)
            words.append(rng.chance(0.5) ? EncodedWord.q(Array(bytes[start..<end]), charset: "UTF-8")
                                         : EncodedWord.b(Array(bytes[start..<end]), charset: "utf-8"))
            start = end
        }
        return words.joined(separator: "\n ")
    }

    mutating func listBody(_ kind: ListPost, flavor: TextFlavor, author: Person) -> [String] {
        var lines: [String] = []
        if rng.chance(0.03) {
            // mboxrd must escape these; some already carry a `>`.
            lines += [rng.chance(0.7) ? "From the \(word()) \(word()) it looks like \(word()) is wrong." : ">From here on, \(word())", ""]
        }
        switch kind {
        case .patch:
            for _ in 0..<rng.int(in: 1...3) { lines += paragraph(flavor) + [""] }
            lines.append("Signed-off-by: \(author.display ?? "A U Thor") <\(author.address)>")
            lines += ["---"] + patch(files: rng.logUniform(in: 1...8))
            lines += ["-- ", "2.\(rng.int(in: 30...45)).\(rng.below(3))"]
        case .reply:
            lines.append("On \(MailDate.rfc5322(clock - rng.int(in: 600...90_000), offsetMinutes: 0)), \(person().display ?? "someone") wrote:")
            for _ in 0..<rng.int(in: 1...6) {
                let depth = rng.chance(0.25) ? "> > " : "> "
                if rng.chance(0.3) {
                    lines += patch(files: 1).prefix(rng.int(in: 8...60)).map { depth + $0 }
                } else {
                    for _ in 0..<rng.int(in: 1...4) { lines += paragraph(.ascii).map { depth + $0 } + [">"] }
                }
                lines.append("")
                for _ in 0..<rng.int(in: 1...2) { lines += paragraph(flavor) + [""] }
            }
        case .post:
            for _ in 0..<rng.int(in: 3...9) { lines += paragraph(flavor, sentences: 2...6) + [""] }
        }
        return lines
    }

    /// A `git diff` of `files` files: diffstat, then per file the header and 1–5 hunks.
    mutating func patch(files: Int) -> [String] {
        var diff: [String] = []
        var stat: [String] = []
        for _ in 0..<files {
            let path = rng.pick(Vocabulary.paths)
            diff += ["diff --git a/\(path) b/\(path)", "index \(hex(7))..\(hex(7)) 100644", "--- a/\(path)", "+++ b/\(path)"]
            var added = 0, removed = 0
            for _ in 0..<rng.int(in: 1...6) {
                var hunk: [String] = []
                var old = 0, new = 0
                for _ in 0..<rng.logUniform(in: 6...72) {
                    let roll = rng.unit()
                    let code = codeLine()
                    if roll < 0.55 { hunk.append(" " + code); old += 1; new += 1 }
                    else if roll < 0.8 { hunk.append("+" + code); new += 1; added += 1 }
                    else { hunk.append("-" + code); old += 1; removed += 1 }
                }
                let line = rng.int(in: 1...3_000)
                diff.append("@@ -\(line),\(old) +\(line),\(new) @@ \(rng.pick(["static int", "void", "struct", "func"])) \(rng.pick(Vocabulary.functions))_\(word())(\(rng.pick(Vocabulary.identifiers)))")
                diff += hunk
            }
            stat.append(" \(path) | \(added + removed) \(String(repeating: "+", count: min(added, 40)))\(String(repeating: "-", count: min(removed, 30)))")
        }
        return stat + [" \(files) file\(files == 1 ? "" : "s") changed", ""] + diff
    }

    mutating func codeLine() -> String {
        let indent = String(repeating: "\t", count: rng.int(in: 0...3))
        let a = rng.pick(Vocabulary.identifiers), b = rng.pick(Vocabulary.identifiers)
        switch rng.below(8) {
        case 0: return "\(indent)\(a) = \(rng.pick(Vocabulary.functions))(\(b), \(rng.pick(Vocabulary.identifiers)));"
        case 1: return "\(indent)if (\(a) < 0)"
        case 2: return "\(indent)\treturn -\(rng.pick(["EINVAL", "ENOMEM", "EBUSY", "EIO"]));"
        case 3: return "\(indent)}"
        case 4: return "\(indent)/* \(word()) \(word()) \(word()) \(word()) */"
        case 5: return ""
        case 6: return "\(indent)\(rng.pick(Vocabulary.functions))(&\(a)->\(b));"
        default: return "\(indent)\(a)->\(b) = \(rng.below(4096));"
        }
    }

    /// A leaf text part: its MIME fields and body.
    mutating func textPart(_ text: [UInt8], charset: Charset, encoding: String, into m: inout MailBuffer) {
        m.field("Content-Type", "text/plain; charset=\(charset.rawValue)")
        m.field("Content-Transfer-Encoding", encoding)
        m.line()
        writeBody(text, encoding: encoding, into: &m)
    }

    mutating func writeBody(_ data: [UInt8], encoding: String, into m: inout MailBuffer) {
        switch encoding {
        case "quoted-printable": m.quotedPrintable(data)
        case "base64": m.base64(data)
        default: m.write(data)
        }
        if m.bytes.last != 0x0A { m.line() }
    }

    /// A small attachment as a list sees them: a patch file, a compressed log, a plain-text log.
    mutating func listAttachment(into m: inout MailBuffer) {
        let roll = rng.unit()
        if roll < 0.5 {
            let name = "000\(rng.int(in: 1...9))-\(word())-\(word()).patch"
            m.field("Content-Type", "text/x-patch; charset=us-ascii; name=\"\(name)\"")
            m.field("Content-Transfer-Encoding", "7bit")
            m.field("Content-Disposition", "attachment; filename=\"\(name)\"")
            m.line()
            m.write((patch(files: rng.logUniform(in: 1...4)).joined(separator: "\n") + "\n"))
        } else if roll < 0.8 {
            let name = rng.pick(["config.gz", "dmesg.txt.gz", "perf.data", "trace.dat", "core.xz"])
            m.field("Content-Type", "application/octet-stream; name=\"\(name)\"")
            m.field("Content-Transfer-Encoding", "base64")
            m.field("Content-Disposition", "attachment; filename=\"\(name)\"")
            m.line()
            m.base64(randomBytes(rng.logUniform(in: 1_000...20_000)))
        } else {
            m.field("Content-Type", "text/plain; charset=us-ascii; name=\"dmesg.log\"")
            m.field("Content-Disposition", "inline; filename=\"dmesg.log\"")
            m.line()
            for _ in 0..<rng.logUniform(in: 10...200) {
                m.line("[\(rng.below(100_000)).\(rng.below(1_000_000))] \(rng.pick(Vocabulary.functions)): \(word()) \(word()) \(rng.pick(Vocabulary.identifiers))=\(hex(8))")
            }
        }
    }
}

extension String {
    /// `user@host` as the local part of a VERP bounce address (`user=host`).
    fileprivate func replacingAt() -> String {
        String(self.map { $0 == "@" ? "=" : $0 })
    }
}
