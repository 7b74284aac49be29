// Deterministic inputs for the codec benchmarks (issue #4, "codec speed"): a base64 body in 76-column CRLF lines,
// a quoted-printable body of accented French and German prose, and mostly-ASCII windows-1252 text. Every byte comes
// from a seeded SplitMix64, so the same size and seed give the same buffers on any machine.
import CorpusGenerator
import MIMECore

/// The three codec inputs of `parse-bench codecs` and the `Decode.*` ordo-one benchmarks.
public enum CodecInputs {
    /// Random bytes base64-encoded in 76-character lines ending in CRLF (RFC 2045 §6.8), about `size` bytes.
    public static func base64(size: Int, seed: UInt64 = 1) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        // 57 input bytes make one 78-byte line (76 characters + CRLF).
        let rawCount = size / 78 * 57
        var raw = [UInt8](repeating: 0, count: rawCount)
        var k = 0
        while k < rawCount {
            var word = random.next()
            for _ in 0..<min(8, rawCount - k) {
                raw[k] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                k += 1
            }
        }
        var encoder = Base64Encoder(lineLength: 76, lineEnding: .crlf)
        var encoded: [UInt8] = []
        raw.withUnsafeBytes { encoder.encode($0, into: &encoded) }
        encoder.finish(into: &encoded)
        return encoded
    }

    /// French and German prose in UTF-8, quoted-printable encoded with CRLF line ends: accented letters become
    /// `=C3=A9` and the like, paragraph lines longer than 76 characters get soft breaks. About `size` bytes.
    public static func quotedPrintable(size: Int, seed: UInt64 = 1) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var text: [UInt8] = []
        // Encoding grows accented text by roughly 12 %; stop the prose a little short of the target.
        let target = size * 8 / 9
        text.reserveCapacity(target + 256)
        while text.count < target {
            appendLine(to: &text, random: &random, words: random.chance(0.5) ? frenchWords : germanWords,
                       length: random.int(in: 20...140))
            text += [13, 10]
        }
        return text.withUnsafeBytes { QuotedPrintableEncoder.encode($0, lineEnding: .crlf) }
    }

    /// Mostly-ASCII prose in windows-1252 with CRLF line ends: French and German words with accented letters,
    /// curly quotes, dashes and the euro sign, about 3 % of bytes above 0x7F. About `size` bytes.
    public static func windows1252(size: Int, seed: UInt64 = 1) -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var text: [UInt8] = []
        text.reserveCapacity(size + 256)
        while text.count < size {
            var line: [UInt8] = []
            appendLine(to: &line, random: &random, words: random.chance(0.5) ? frenchWords : germanWords,
                       length: random.int(in: 20...76))
            for scalar in String(decoding: line, as: UTF8.self).unicodeScalars {
                text.append(windows1252Byte(scalar))
            }
            text += [13, 10]
        }
        return text
    }

    /// Appends words (UTF-8) to `line` until it holds about `length` characters, with an occasional
    /// typographic quote, dash or euro amount between words.
    private static func appendLine(to line: inout [UInt8], random: inout SplitMix64, words: (plain: [String], accented: [String]), length: Int) {
        var characters = 0
        while characters < length {
            if characters > 0 { line.append(0x20); characters += 1 }
            var word = random.chance(1.0 / 8) ? random.pick(words.accented) : random.pick(words.plain)
            if random.chance(0.02) { word = random.pick(["\u{201C}\(word)\u{201D}", "\u{2013}", "12\u{A0}\u{20AC}", "l\u{2019}\(word)"]) }
            line += Array(word.utf8)
            characters += word.unicodeScalars.count
            if random.chance(0.08) { line.append(random.pick([0x2C, 0x2E, 0x3B, 0x3A])) }
        }
    }

    /// The windows-1252 byte of the scalars the word lists use (Latin-1 letters and a few punctuation marks
    /// from 0x80–0x9F); `?` for anything else.
    private static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8 {
        switch scalar.value {
        case 0..<0x80, 0xA0...0xFF: return UInt8(scalar.value)
        case 0x20AC: return 0x80
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2013: return 0x96
        default: return 0x3F
        }
    }

    // Common unaccented words and words with accents, per language; `appendLine` draws from the second list
    // about one word in eight, which puts near 3 % accented letters into the prose, as in real French or German mail.
    private static let frenchWords = (
        plain: ["le", "la", "les", "de", "des", "et", "un", "une", "du", "pour", "dans", "que", "qui", "est", "sur",
                "pas", "avec", "nous", "vous", "mais", "plus", "message", "projet", "demain", "semaine", "document",
                "question", "merci", "bonjour", "serveur", "ligne", "cordialement", "version", "fichier", "client"],
        accented: ["réunion", "équipe", "été", "déjà", "très", "après", "préparé", "prévu", "où", "à", "être",
                   "fenêtre", "reçu", "français", "réponse", "envoyé", "données", "numéro", "société", "général",
                   "première", "dernière", "côté", "contrôle", "même", "leçon", "noël"]
    )
    private static let germanWords = (
        plain: ["der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "auf", "den", "von", "sich", "zu",
                "wir", "Sie", "es", "auch", "noch", "Nachricht", "morgen", "Woche", "Termin", "Datei", "Anhang",
                "Server", "bitte", "danke", "heute", "Zeitplan", "Projekt", "Kunde", "Vorschlag", "Ergebnis"],
        accented: ["für", "über", "Größe", "Grüße", "schön", "Straße", "müssen", "können", "Änderung", "Prüfung",
                   "Bestätigung", "Übersicht", "größer", "Rückmeldung", "wäre", "hätte", "Frühstück", "natürlich",
                   "Lösung", "gemäß"]
    )
}
