import MIMECore
import Testing

@Suite("Building: edits on parsed messages")
struct BuildingEditingTests {
    static let sample = Array("""
        Received: from x by y; Sun, 29 Nov 2026 10:00:00 +0000\r
        From: Ann <ann@example.org>\r
        To: bob@example.com\r
        Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r
        Message-ID: <one@example.org>\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        preamble\r
        --b1\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Hello\r
        --b1\r
        Content-Type: application/octet-stream\r
        Content-Disposition: attachment; filename="a.bin"\r
        Content-Transfer-Encoding: base64\r
        \r
        AAEC\r
        --b1--\r
        epilogue\r

        """.utf8)

    /// The lines of `b` that are not in `a`, and the reverse (multiset difference).
    func changedLines(_ a: [UInt8], _ b: [UInt8]) -> (removed: [String], added: [String]) {
        let la = String(decoding: a, as: UTF8.self).components(separatedBy: "\r\n")
        let lb = String(decoding: b, as: UTF8.self).components(separatedBy: "\r\n")
        var counts: [String: Int] = [:]
        for l in la { counts[l, default: 0] += 1 }
        var added: [String] = []
        for l in lb { if counts[l, default: 0] > 0 { counts[l]! -= 1 } else { added.append(l) } }
        let removed = counts.flatMap { k, v in Array(repeating: k, count: v) }.sorted()
        return (removed, added)
    }

    @Test("set a header: only that field's bytes change")
    func setHeader() {
        var message = Message(parsing: Self.sample)
        message.setField("Subject", .text("Überarbeitet: Grüße"))
        let out = message.serialized()
        let diff = changedLines(Self.sample, out)
        #expect(diff.removed == ["Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?="])
        #expect(diff.added.count == 1 && diff.added[0].hasPrefix("Subject: "))
        #expect(decodedField(Message(parsing: out), "Subject") == "Überarbeitet: Grüße")
    }

    @Test("add and remove fields; Content-* edits re-read the structure")
    func addRemove() {
        var message = Message(parsing: Self.sample)
        message.addField("X-Tag", .text("one"))
        message.addField("Content-Description", .text("first"), in: Part.ID(rawValue: 1))
        message.removeFields(named: "Received")
        let out = message.serialized()
        let diff = changedLines(Self.sample, out)
        #expect(diff.removed == ["Received: from x by y; Sun, 29 Nov 2026 10:00:00 +0000"])
        #expect(diff.added.sorted() == ["Content-Description: first", "X-Tag: one"])
        let again = Message(parsing: out)
        #expect(decodedField(again, "X-Tag") == "one")
        #expect(decodedField(again, "Content-Description", in: Part.ID(rawValue: 1)) == "first")
        #expect(outline(again) == outline(Message(parsing: Self.sample)))
        message.setField("Content-Type", .raw("text/plain"), in: Part.ID(rawValue: 2))
        #expect(message.parts[2].mediaType.subtype == "plain")
    }

    @Test("replace a leaf body: re-encoded, Content-Transfer-Encoding updated, rest identical")
    func replaceBody() {
        var message = Message(parsing: Self.sample)
        message.replaceBody(of: Part.ID(rawValue: 1), with: Array("Viele Grüße aus Köln, bis bald und danke für die schöne Zeit\r\n".utf8))
        let out = message.serialized()
        #expect(message.decodedBody(of: Part.ID(rawValue: 1)).bytes == Array("Viele Grüße aus Köln, bis bald und danke für die schöne Zeit\r\n".utf8))
        #expect(message.field("Content-Transfer-Encoding", in: Part.ID(rawValue: 1))?.unfoldedValue == Array("quoted-printable".utf8))
        let diff = changedLines(Self.sample, out)
        #expect(diff.removed == ["Hello"])
        #expect(diff.added.contains("Content-Transfer-Encoding: quoted-printable"))
        // The untouched attachment, preamble and epilogue are identical.
        let original = Message(parsing: Self.sample)
        #expect(message.entity(of: Part.ID(rawValue: 2)).bytes == original.entity(of: Part.ID(rawValue: 2)).bytes)
        #expect(out.suffix(20) == Self.sample.suffix(20))
    }

    @Test("content holding the enclosing delimiter is base64-encoded")
    func replaceBodyCollision() {
        var message = Message(parsing: Self.sample)
        let content = Array("a\r\n--b1\r\nb\r\n".utf8)
        message.replaceBody(of: Part.ID(rawValue: 1), with: content)
        #expect(message.parts.count == 3)
        #expect(message.decodedBody(of: Part.ID(rawValue: 1)).bytes == content)
        #expect(message.parts[1].transferEncoding == "base64")
    }

    @Test("add an attachment to multipart/mixed, remove one, wrap a single part")
    func attachments() {
        var writer = testWriter(seed: 3)
        var message = Message(parsing: Self.sample)
        message.addAttachment(.attachment([1, 2, 3], filename: "Übersicht.bin"), using: &writer)
        #expect(outline(message) == ["0:multipart/mixed", "1:text/plain", "1:application/octet-stream", "1:application/octet-stream"])
        #expect(message.parts[3].filename == "Übersicht.bin")
        #expect(message.decodedBody(of: Part.ID(rawValue: 3)).bytes == [1, 2, 3])
        message.removePart(Part.ID(rawValue: 2))
        #expect(outline(message) == ["0:multipart/mixed", "1:text/plain", "1:application/octet-stream"])
        #expect(message.parts[2].filename == "Übersicht.bin")
        // The first part and the envelope of the multipart are unchanged.
        #expect(message.entity(of: Part.ID(rawValue: 1)).bytes == Message(parsing: Self.sample).entity(of: Part.ID(rawValue: 1)).bytes)

        let single = Array("From: a@b.c\r\nSubject: hi\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody\r\n".utf8)
        var wrapped = Message(parsing: single)
        wrapped.addAttachment(.attachment([9], filename: "x.bin"), using: &writer)
        #expect(outline(wrapped) == ["0:multipart/mixed", "1:text/plain", "1:application/octet-stream"])
        #expect(wrapped.decodedBody(of: Part.ID(rawValue: 1)).bytes == Array("body\r\n".utf8))
        #expect(wrapped.parts[1].charset == "utf-8")
        #expect(decodedField(wrapped, "Subject") == "hi")
        #expect(decodedField(wrapped, "MIME-Version") == "1.0")
    }

    @Test("a message with LF line breaks stays LF through edits")
    func lfMessage() {
        let lf = Self.sample.filter { $0 != 0x0D }
        var message = Message(parsing: lf)
        var writer = testWriter(seed: 9)
        message.setField("Subject", .text("Neu"))
        message.replaceBody(of: Part.ID(rawValue: 1), with: Array("Grüße und viele herzliche Grüße aus der Stadt Köln\n".utf8))
        message.addAttachment(.attachment([7, 8], filename: "b.bin"), using: &writer)
        let out = message.serialized()
        #expect(!out.contains(0x0D))
        #expect(outline(message) == ["0:multipart/mixed", "1:text/plain", "1:application/octet-stream", "1:application/octet-stream"])
        #expect(message.decodedBody(of: Part.ID(rawValue: 3)).bytes == [7, 8])
        #expect(message.entity(of: Part.ID(rawValue: 2)).bytes == Message(parsing: lf).entity(of: Part.ID(rawValue: 2)).bytes)

        var single = Message(parsing: Array("From: a@b.c\nSubject: x\n\nbody\n".utf8))
        single.addAttachment(.attachment([1], filename: "c.bin"), using: &writer)
        #expect(!single.serialized().contains(0x0D))
        #expect(outline(single) == ["0:multipart/mixed", "1:text/plain", "1:application/octet-stream"])
    }

    @Test("property: random edits leave every untouched field and part byte-identical")
    func untouchedStayIdentical() {
        var drafts = RandomDrafts(seed: 77)
        var writer = testWriter(seed: 5)
        for _ in 0..<150 {
            let original = Message(parsing: writer.bytes(drafts.draft()))
            var message = original
            let leaves = original.parts.filter { $0.kind == .leaf }.map(\.id)
            switch drafts.below(4) {
            case 0:
                message.setField("Subject", .text(drafts.text()))
                // Every other field is byte-identical, in order.
                let before = original.fields.filter { !$0.hasName("Subject") }.map(\.raw.bytes)
                let after = Message(parsing: message.serialized()).fields.filter { !$0.hasName("Subject") }.map(\.raw.bytes)
                #expect(before == after)
            case 1:
                message.addField("X-Random", .text(drafts.text()))
                let after = Message(parsing: message.serialized())
                #expect(after.fields.filter { !$0.hasName("X-Random") }.map(\.raw.bytes) == original.fields.map(\.raw.bytes))
            case 2:
                let target = drafts.pick(leaves)
                let content = drafts.bytes(max: 400)
                message.replaceBody(of: target, with: content)
                let after = Message(parsing: message.serialized())
                #expect(after.parts.count == original.parts.count)
                #expect(after.decodedBody(of: target).bytes == content)
                for part in original.parts where part.kind == .leaf && part.id != target {
                    #expect(after.entity(of: part.id).bytes == original.entity(of: part.id).bytes)
                }
            default:
                message.addAttachment(.attachment(drafts.bytes(max: 300), filename: drafts.text(maxWords: 2)), using: &writer)
                let after = Message(parsing: message.serialized())
                // Every original leaf entity is still there, byte for byte.
                let entities = Set(after.parts.map { after.entity(of: $0.id).bytes })
                for part in original.parts where part.kind == .leaf && part.id != .root {
                    #expect(entities.contains(original.entity(of: part.id).bytes))
                }
                #expect(after.parts.count == original.parts.count + (original.root.mediaType.subtype == "mixed" ? 1 : 2))
            }
        }
    }
}
