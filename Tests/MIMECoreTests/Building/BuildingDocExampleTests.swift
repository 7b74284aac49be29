import MIMECore
import Testing

/// The doc-comment examples of the five most common tasks, run as written.
@Suite("Building: documentation examples")
struct BuildingDocExampleTests {
    let sender = Mailbox(displayName: "Zoë", localPart: "zoe", domain: "example.org")
    let recipient = Mailbox(localPart: "bob", domain: "example.com")

    /// `MessageDraft` doc comment.
    @Test func plainMessage() {
        let draft = MessageDraft(
            from: Mailbox(displayName: "Zoë", localPart: "zoe", domain: "example.org"),
            to: [Mailbox(localPart: "bob", domain: "example.com")],
            subject: "Café at noon?",
            body: .text("See you there.\n"))
        let now = DateTime(year: 2026, month: 11, day: 29, hour: 12, minute: 0)
        var writer = MessageWriter(clock: { now }, random: SeededRandom(seed: 1))
        let bytes = writer.bytes(draft)

        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("Date: Sun, 29 Nov 2026 12:00:00 +0000\r\nFrom: =?utf-8?q?Zo=C3=AB?= <zoe@example.org>\r\n"))
        #expect(text.contains("Subject: =?utf-8?b?Q2Fmw6k=?= at noon?\r\n"))
        #expect(text.contains("@example.org>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\nSee you there.\r\n"))
        #expect(!text.contains("Content-Transfer-Encoding"))
    }

    /// `Entity` doc comment, first example.
    @Test func htmlAndText() {
        let body = Entity.alternative([.text("Hello, *world*"), .html("<p>Hello, <b>world</b></p>")])
        let draft = MessageDraft(from: sender, to: [recipient], subject: "Hi", body: body)
        var writer = testWriter()
        let message = Message(parsing: writer.bytes(draft))
        #expect(outline(message) == ["0:multipart/alternative", "1:text/plain", "1:text/html"])
        #expect(message.decodedBody(of: Part.ID(rawValue: 2)).bytes == Array("<p>Hello, <b>world</b></p>".utf8))
    }

    /// `Entity` doc comment, second example.
    @Test func attachment() {
        let pdf: [UInt8] = Array("%PDF-1.4 …".utf8)
        let body = Entity.mixed([
            .text("The report is attached."),
            .attachment(pdf, type: MediaType(type: "application", subtype: "pdf"), filename: "Bericht Q3 – Köln.pdf"),
        ])
        var writer = testWriter()
        let bytes = writer.bytes(MessageDraft(from: sender, to: [recipient], subject: "Report", body: body))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("Content-Disposition: attachment;\r\n filename*=utf-8''Bericht%20Q3%20%E2%80%93%20K%C3%B6ln.pdf")
            || text.contains("Content-Disposition: attachment; filename*=utf-8''Bericht%20Q3%20%E2%80%93%20K%C3%B6ln.pdf"))
        #expect(text.contains("Content-Type: application/pdf;\r\n name=\"=?utf-8?b?QmVyaWNodCBRMyDigJMgS8O2bG4ucGRm?=\""))
        let message = Message(parsing: bytes)
        #expect(message.parts[2].filename == "Bericht Q3 – Köln.pdf")
        #expect(message.decodedBody(of: Part.ID(rawValue: 2)).bytes == pdf)
    }

    /// `Message.reply(from:body:all:)` doc comment.
    @Test func reply() {
        let original = Message(parsing: Array("From: Ann <ann@example.org>\r\nSubject: Re: Lunch\r\nMessage-ID: <1@example.org>\r\n\r\nNoon?\r\n".utf8))
        let draft = original.reply(from: Mailbox(localPart: "bob", domain: "example.com"), body: .text("Yes!"))
        var writer = testWriter()
        let message = Message(parsing: writer.bytes(draft))
        #expect(addresses(message, "To") == [.mailbox(Mailbox(displayName: "Ann", localPart: "ann", domain: "example.org"))])
        #expect(decodedField(message, "Subject") == "Re: Lunch")
        #expect(decodedField(message, "In-Reply-To") == "<1@example.org>")
        #expect(decodedField(message, "References") == "<1@example.org>")
    }

    /// `Message.setField(_:_:in:)` doc comment.
    @Test func editHeader() {
        var message = Message(parsing: Array("From: a@example.org\r\nSubject: Draft\r\n\r\nBody\r\n".utf8))
        message.setField("Subject", .text("Überarbeitet"))
        #expect(message.serialized() == Array("From: a@example.org\r\nSubject: =?utf-8?q?=C3=9Cberarbeitet?=\r\n\r\nBody\r\n".utf8))
    }

    @Test("reply-all and threading through References; forward attaches the original unchanged")
    func replyAllAndForward() {
        let raw = Array("""
            From: Ann <ann@example.org>\r
            Reply-To: list@example.org\r
            To: bob@example.com, Carol <carol@example.net>\r
            Cc: ann@example.org, dave@example.com\r
            Subject: RE: Re[2]: Plan\r
            Message-ID: <3@example.org>\r
            References: <1@example.org> <2@example.org>\r
            \r
            Body\r

            """.utf8)
        let original = Message(parsing: raw)
        let bob = Mailbox(localPart: "bob", domain: "example.com")
        var writer = testWriter()
        let reply = Message(parsing: writer.bytes(original.reply(from: bob, body: .text("ok"), all: true)))
        #expect(addresses(reply, "To").flatMap(\.mailboxes).map(\.address) == ["list@example.org"])
        #expect(addresses(reply, "Cc").flatMap(\.mailboxes).map(\.address) == ["carol@example.net", "ann@example.org", "dave@example.com"])
        #expect(decodedField(reply, "Subject") == "Re: Plan")
        #expect(decodedField(reply, "References") == "<1@example.org> <2@example.org> <3@example.org>")
        #expect(decodedField(reply, "In-Reply-To") == "<3@example.org>")

        let forward = Message(parsing: writer.bytes(original.forward(from: bob, to: [sender], body: .text("FYI"))))
        #expect(decodedField(forward, "Subject") == "Fwd: RE: Re[2]: Plan")
        #expect(outline(forward).prefix(3) == ["0:multipart/mixed", "1:text/plain", "1:message/rfc822"])
        #expect(forward.body(of: Part.ID(rawValue: 2)).bytes == raw)
    }
}
