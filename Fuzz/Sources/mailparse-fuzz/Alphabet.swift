/// The alphabet-restricted mode (`MAILPARSE_FUZZ_ALPHABET=1`): each input byte after the first
/// stands for one MIME or RFC 5322 token, so that random mutations produce text made of
/// delimiters, keywords and short words, i.e. inputs near the grammars' syntax rather than
/// random bytes the parsers reject at the first character. The first byte is kept as it is,
/// because several targets read it as a mode selector.
///
/// A saved crash is the *unmapped* input: replay it with the variable set as well.
enum Alphabet {
    /// The tokens; byte `b` maps to `tokens[b % tokens.count]`.
    static let tokens: [[UInt8]] = ([
        ":", ";", "=", "\"", "\r", "\n", " ", "\t", "--", "boundary=", "=?", "?=", "?Q?", "?B?", "From ",
        "<", ">", "@", ",", "(", ")", "\\", ".", "/", "*", "'", "%", "a", "b", "x", "0", "1", "9", "+", "-",
        "_", "\r\n", "\n ", "\n\n", "\r\n\r\n", "[", "]", "?", "`", "M", "~",
        "Content-Type: ", "multipart/mixed", "text/plain", "message/rfc822", "charset=", "utf-8", "iso-2022-jp",
        "Content-Transfer-Encoding: ", "base64", "quoted-printable", "Content-Disposition: attachment",
        "name*0*=", "name*1=", "filename*=", "filename=", "utf-8''", "%41", "%e2%82", "=3D", "=20", "=\n",
        "=?utf-8?q?", "=?iso-8859-1?b?", "QUJD", "w6k=", "==",
        "Date: ", "Mon, ", "1 Jan 2001 ", "23:59:60", " +0000", " -0000", " EST", " (UTC)", "Feb", "99",
        "from ", "by ", "via ", "with ", "id ", "for ", "dkim=pass", "header.d=", "smtp.mailfrom=", "reason=",
        "none", "a@b.c", "\"A B\"", "<@x,@y:", "Group:", "begin 644 f\n", "end\n", ">From ", "-- ",
        "\u{E9}", "\u{3042}", "\u{1F600}",
    ] as [String]).map { Array($0.utf8) } + [[0xFF], [0x00], [0xC3], [0x1B, 0x24, 0x42], [0x80]]

    /// Whether the mode is on for this process.
    static let isEnabled: Bool = {
        guard let value = getenv("MAILPARSE_FUZZ_ALPHABET") else { return false }
        let text = String(cString: value)
        return !text.isEmpty && text != "0"
    }()

    /// The input with every byte after the first replaced by its token.
    static func expand(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        guard let first = input.first else { return [] }
        var out: [UInt8] = [first]
        out.reserveCapacity(input.count * 4)
        for b in input.dropFirst() { out += tokens[Int(b) % tokens.count] }
        return out
    }
}
