/// The bytes of one message under construction, with the writers a mail generator needs: header fields folded at
/// 78 columns (RFC 5322 §2.1.1), base64 and quoted-printable bodies (RFC 2045 §6.7, §6.8), encoded words
/// (RFC 2047) and RFC 2231 parameters. Lines end in LF, as in an mbox on a Unix system.
struct MailBuffer {
    var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 16 * 1024) {
        bytes.reserveCapacity(capacity)
    }

    mutating func write(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func write(_ raw: [UInt8]) {
        bytes.append(contentsOf: raw)
    }

    /// One line of text and its LF.
    mutating func line(_ text: String = "") {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
    }

    /// A header field whose items are separated by `separator` and folded before any item that would pass
    /// column 78. Folding whitespace alternates between a tab and a space, as different mailers write it.
    mutating func field(_ name: String, _ items: [String], separator: String = " ", foldWith fold: String = "\t") {
        var column = name.utf8.count + 1
        write(name)
        write(":")
        for (index, item) in items.enumerated() {
            let piece = index == 0 ? " " + item : separator + item
            let width = piece.utf8.count
            if index > 0 && column + width > 78 {
                // The separator's trailing space becomes the folding whitespace.
                let trimmed = separator.hasSuffix(" ") ? String(separator.dropLast()) : separator
                write(trimmed)
                write("\n")
                write(fold)
                write(item)
                column = fold.utf8.count + item.utf8.count
            } else {
                write(piece)
                column += width
            }
        }
        write("\n")
    }

    /// A header field with a value short enough not to need folding.
    mutating func field(_ name: String, _ value: String) {
        write(name)
        write(": ")
        write(value)
        write("\n")
    }

    /// `data` in base64, `lineLength` characters a line (76 in MIME bodies).
    mutating func base64(_ data: [UInt8], lineLength: Int = 76) {
        Base64.encode(data, into: &bytes, lineLength: lineLength)
    }

    /// `data` in quoted-printable: LF is a hard line break, soft breaks keep lines at most 76 characters.
    mutating func quotedPrintable(_ data: [UInt8]) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        var column = 0
        var index = 0
        while index < data.count {
            let byte = data[index]
            if byte == 0x0A {
                bytes.append(0x0A)
                column = 0
                index += 1
                continue
            }
            let atLineEnd = index + 1 == data.count || data[index + 1] == 0x0A
            let literal = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let width = literal ? 1 : 3
            if column + width > 75 {
                bytes.append(0x3D)
                bytes.append(0x0A)
                column = 0
            }
            if literal {
                bytes.append(byte)
            } else {
                bytes.append(0x3D)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
            column += width
            index += 1
        }
    }
}

/// Base64 without line structure decisions of its own (RFC 4648 §4 alphabet).
enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends `data` encoded, with an LF after every `lineLength` characters (0: one line) and after the last.
    static func encode(_ data: [UInt8], into out: inout [UInt8], lineLength: Int) {
        out.reserveCapacity(out.count + data.count * 4 / 3 + data.count / 57 + 8)
        var column = 0
        var index = 0
        while index < data.count {
            let b0 = UInt32(data[index])
            let b1 = index + 1 < data.count ? UInt32(data[index + 1]) : 0
            let b2 = index + 2 < data.count ? UInt32(data[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(index + 1 < data.count ? alphabet[Int(group >> 6 & 63)] : 0x3D)
            out.append(index + 2 < data.count ? alphabet[Int(group & 63)] : 0x3D)
            index += 3
            column += 4
            if lineLength > 0 && column >= lineLength && index < data.count {
                out.append(0x0A)
                column = 0
            }
        }
        if lineLength > 0 {
            out.append(0x0A)
        }
    }

    /// `data` as one unbroken base64 string (encoded words, DKIM values).
    static func string(_ data: [UInt8]) -> String {
        var out: [UInt8] = []
        encode(data, into: &out, lineLength: 0)
        return String(decoding: out, as: UTF8.self)
    }
}

/// RFC 2047 encoded words and RFC 2231 parameter values.
enum EncodedWord {
    /// `=?charset?B?…?=` over the already-encoded `data`.
    static func b(_ data: [UInt8], charset: String) -> String {
        "=?\(charset)?B?\(Base64.string(data))?="
    }

    /// `=?charset?Q?…?=` over the already-encoded `data` (RFC 2047 §4.2: space as `_`).
    static func q(_ data: [UInt8], charset: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("=?\(charset)?Q?".utf8)
        for byte in data {
            switch byte {
            case 0x20: out.append(0x5F)
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x21, 0x2A, 0x2B, 0x2D, 0x2F: out.append(byte)
            default: out += [0x3D, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        out += Array("?=".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// An RFC 2231 extended value: `charset''percent-encoded`.
    static func rfc2231(_ data: [UInt8], charset: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = Array("\(charset)''".utf8)
        for byte in data {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: out.append(byte)
            default: out += [0x25, hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
