import MIMECore
import Testing

@Suite("Building: new messages")
struct BuildingMessageTests {
    let alice = Mailbox(displayName: "Zoë Åström", localPart: "zoe", domain: "example.org")
    let bob = Mailbox(localPart: "bob", domain: "example.com")

    @Test("plain text: required fields filled, parses back")
    func plainText() {
        let draft = MessageDraft(from: alice, to: [bob], subject: "Café at noon?", body: .text("See you there.\n"))
        var writer = testWriter()
        let bytes = writer.bytes(draft)
        let message = Message(parsing: bytes)
        #expect(outline(message) == ["0:text/plain"])
        #expect(decodedField(message, "Subject") == "Café at noon?")
        #expect(decodedField(message, "Date") == "Sun, 29 Nov 2026 12:40:28 +0000")
        #expect(decodedField(message, "MIME-Version") == "1.0")
        let id = decodedField(message, "Message-ID") ?? ""
        #expect(id.hasPrefix("<") && id.hasSuffix("@example.org>"))
        #expect(addresses(message, "From") == [.mailbox(alice)])
        #expect(message.decodedBody(of: .root).bytes == Array("See you there.\r\n".utf8))
        #expect(message.serialized() == bytes)
        // Deterministic: same seed, same bytes.
        var again = testWriter()
        #expect(again.bytes(draft) == bytes)
    }

    @Test("HTML + text alternative, related inline image, attachment, embedded message")
    func nested() {
        let image: [UInt8] = (0..<300).map { UInt8($0 % 256) }
        let inner = MessageDraft(from: bob, to: [alice], subject: "inner", body: .text("inner body"))
        let body = Entity.mixed([
            .related(
                .alternative([.text("Hello"), .html("<p>Hello <img src=\"cid:logo@x\"></p>")]),
                [.attachment(image, type: MediaType(type: "image", subtype: "png"), filename: "logo.png",
                             inline: true, contentID: MessageID("logo@x"))]),
            .attachment(Array("données".utf8), filename: "Résumé – 2026.pdf"),
            .message(inner),
        ])
        let draft = MessageDraft(from: alice, to: [bob], subject: "nested", body: body)
        var writer = testWriter()
        let bytes = writer.bytes(draft)
        let message = Message(parsing: bytes)
        #expect(outline(message) == [
            "0:multipart/mixed", "1:multipart/related", "2:multipart/alternative", "3:text/plain", "3:text/html",
            "2:image/png", "1:application/octet-stream", "1:message/rfc822", "2:text/plain",
        ])
        #expect(message.allDefects.isEmpty)
        #expect(message.decodedBody(of: Part.ID(rawValue: 5)).bytes == image)
        #expect(message.parts[5].filename == "logo.png")
        #expect(decodedField(message, "Content-ID", in: Part.ID(rawValue: 5)) == "<logo@x>")
        #expect(message.parts[6].filename == "Résumé – 2026.pdf")
        #expect(message.decodedBody(of: Part.ID(rawValue: 6)).bytes == Array("données".utf8))
        #expect(message.decodedBody(of: Part.ID(rawValue: 8)).bytes == Array("inner body".utf8))
        #expect(message.parts[1].mediaType.parameter("type") == "multipart/alternative")
        #expect(lineLengths(bytes).allSatisfy { $0 <= 78 })
    }

    @Test("streams through any ByteSink in pieces")
    func streaming() {
        struct CountingSink: ByteSink {
            var bytes: [UInt8] = []
            var writes = 0
            mutating func write(_ chunk: UnsafeRawBufferPointer) { bytes += chunk; writes += 1 }
        }
        let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let draft = MessageDraft(from: alice, to: [bob], subject: "big", body: .mixed([.text("x"), .attachment(big)]))
        var sink = CountingSink()
        var writer = testWriter()
        writer.write(draft, to: &sink)
        #expect(sink.writes > 5)
        let message = Message(parsing: sink.bytes)
        #expect(message.decodedBody(of: Part.ID(rawValue: 2)).bytes == big)
    }

    @Test("a boundary found in the content is regenerated")
    func boundaryCollision() {
        // Learn the first boundary seed 7 yields, then put it in the content.
        var probe = testWriter(seed: 7)
        let first = Message(parsing: probe.bytes(MessageDraft(content: .mixed([.text("a")]))))
        let boundary = first.root.mediaType.parameter("boundary")!
        let text = "--\(boundary)\nthis line looks like a delimiter\n--\(boundary)--\n"
        var writer = testWriter(seed: 7)
        let bytes = writer.bytes(MessageDraft(content: .mixed([.text(text), .text("b")])))
        let message = Message(parsing: bytes)
        #expect(message.root.mediaType.parameter("boundary") != boundary)
        #expect(outline(message) == ["0:multipart/mixed", "1:text/plain", "1:text/plain"])
        #expect(String(decoding: message.text(of: Part.ID(rawValue: 1)).utf8, as: UTF8.self).contains("looks like a delimiter"))
    }
}

@Suite("Building: transfer encodings")
struct BuildingEncodingTests {
    func choose(_ s: [UInt8], text: Bool = true, _ target: TransportTarget = .sevenBitOnly) -> TransferEncoding {
        BodyAnalysis(s).transferEncoding(isText: text, target: target)
    }

    @Test func table() {
        let ascii = Array("Hello\r\nworld\r\n".utf8)
        let french = Array("Déjà vu: the meeting moved to Thursday at noon.\r\n".utf8)
        let russian = Array("Привет, как дела?\r\n".utf8)
        #expect(choose(ascii) == .sevenBit)
        #expect(choose(ascii, .eightBitMIME) == .sevenBit)
        #expect(choose(french) == .quotedPrintable)
        #expect(choose(russian) == .base64)
        #expect(choose(french, .eightBitMIME) == .eightBit)
        #expect(choose(russian, .smtpUTF8) == .eightBit)
        let long = Array(repeating: UInt8(ascii: "a"), count: 999)
        #expect(choose(long) == .quotedPrintable)
        #expect(choose(long, .eightBitMIME) == .quotedPrintable)
        #expect(choose(Array(repeating: UInt8(ascii: "a"), count: 998)) == .sevenBit)
        #expect(choose(Array("trailing \r\n".utf8)) == .quotedPrintable)
        #expect(choose(Array("nul\u{0}\r\n".utf8)) == .base64)
        #expect(choose(Array("nul\u{0}\r\n".utf8), .binary) == .binary)
        #expect(choose(Array("bare\rcr".utf8)) == .base64)
        #expect(choose(Array("bare\nlf".utf8)) == .base64)
        #expect(choose([0, 1, 2, 255], text: false) == .base64)
        #expect(choose([0, 1, 2, 255], text: false, .eightBitMIME) == .base64)
        #expect(choose(ascii, text: false) == .sevenBit)
    }

    @Test("no written line exceeds 998 octets, whatever the content")
    func lineLimit() {
        var random = SeededRandom(seed: 42)
        for target in [TransportTarget.sevenBitOnly, .eightBitMIME, .binary] {
            for _ in 0..<50 {
                let count = Int(random.next() % 5000)
                let content = (0..<count).map { _ in
                    random.next() % 4 == 0 ? UInt8(truncatingIfNeeded: random.next()) : UInt8(ascii: "x")
                }
                var writer = testWriter(target: target)
                let bytes = writer.bytes(MessageDraft(content: Entity(mediaType: .textPlain, body: .content(content))))
                #expect(lineLengths(bytes).allSatisfy { $0 <= 998 })
                #expect(Message(parsing: bytes).decodedBody(of: .root).bytes == content)
            }
        }
    }
}
