@testable import MIMECore
import Testing

/// `MediaType.parsingSimple` (the one-pass path for plain Content-Type values) must either decline a value
/// or give exactly what the general parser gives, with no defects.
struct MediaTypeFastPathTests {
    /// The two parsers on one value: the fast path's answer, and the general parser's with its defects.
    static func compare(_ value: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        value.withUnsafeBytes { raw in
            guard let simple = MediaType.parsingSimple(raw) else { return false }
            var defects: [Defect] = []
            let general = MediaType.parsingGeneral(raw, defects: &defects)
            #expect(general == simple, "\(String(decoding: value, as: UTF8.self))", sourceLocation: sourceLocation)
            #expect(defects.isEmpty, "\(String(decoding: value, as: UTF8.self)): \(defects)",
                    sourceLocation: sourceLocation)
            return true
        }
    }

    @Test(arguments: [
        ("text/plain", true),
        (" Text/PLAIN ; Charset=\"UTF-8\"\r\n", true),
        ("text/plain; charset=us-ascii; format=flowed; delsp=yes", true),
        ("multipart/mixed;\r\n boundary=\"----=_Part_1_2.3\"\r\n", true),
        ("multipart/alternative; boundary=\"b c\"; ;", true),
        ("text/plain;;charset=utf-8;", true),
        ("text/plain; name=\"a (b).txt\"", false),          // a comment opener inside quotes
        ("text/plain (comment); charset=utf-8", false),
        ("text/plain; charset=\"utf\\-8\"", false),          // an escape
        ("text/plain; name*=utf-8''a%20b", false),           // RFC 2231
        ("text/plain; name*0=a; name*1=b", false),
        ("text/plain; name=\"=?utf-8?q?a?=\"", false),       // an encoded word
        ("text; charset=utf-8", false),                      // no subtype
        ("text/plain charset=utf-8", false),                 // no `;`
        ("text/plain; charset", false),                      // no `=`
        ("text/plain; charset=utf-8 junk", false),
        ("text/plain; charset=\"utf-8\" junk", false),
        ("text/plain; charset=\"utf-8", false),              // unterminated
        ("text/plain; name=\"a\r\n b\"", false),             // folded inside quotes
        ("text/plain; charset=", false),
        ("text/pl\u{E9}in", false),
        ("", false),
    ])
    func tableOfValues(value: String, takesFastPath: Bool) {
        #expect(Self.compare(Array(value.utf8)) == takesFastPath, "\(value)")
    }

    /// Every Content-Type value in the shared corpus and our own: where the fast path answers, it agrees.
    @Test(.enabled(if: SharedCorpus.shouldRun, "../shared/corpus is not beside the repository"))
    func corpusValuesAgree() throws {
        var simple = 0
        var total = 0
        for path in SharedCorpus.messageFiles {
            let message = Message(parsing: ByteView(ByteStorage(try SharedCorpus.bytes(path))))
            for part in message.parts {
                for field in message.fields(of: part.id) where field.hasName("Content-Type") {
                    total += 1
                    if Self.compare(field.rawValue) { simple += 1 }
                }
            }
        }
        // Most real values take the fast path; the rest are still compared (by the general parser alone).
        #expect(total > 1_000)
        #expect(simple * 2 > total, "\(simple) of \(total) values took the fast path")
    }
}
