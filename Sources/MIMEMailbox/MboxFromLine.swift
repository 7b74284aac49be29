/// Validation of mbox `From ` separator lines (RFC 4155 §2, "From_" lines).
///
/// RFC 4155 gives the form `From <sender> <asctime date>`, e.g.
/// `From MAILER-DAEMON Fri Jul  8 12:08:34 2011`. A line that starts `From ` but does not
/// validate is body text: it does not split a message. This is what protects unquoted body
/// lines such as `From Russia with love` in a file written without quoting.
///
/// Deviations (each accepted because a real archiver writes it):
/// 1. Several spaces or tabs may separate the fields (`From user@host  Wed Nov 13 …`).
/// 2. The weekday is optional, and the day may come before the month (`16 Sep 2016`).
/// 3. The time may lack seconds; the year may have 2 digits.
/// 4. Up to two time zone names (`PST`, `MET DST`) or numeric offsets (`+0000`) may stand before or after
///    the year (Google Takeout: `From 1545…@xxx Fri Sep 16 22:26:51 +0000 2016`).
/// 5. A UUCP `remote from <host>` trailer is accepted.
/// 6. A line with a sender and no date validates when the sender is `-` (Netscape's `From - `)
///    or contains `@` (MimeKit's issue1189.mbox: `From 1844347792267117879@xxx`), or is
///    `MAILER-DAEMON`. Other single words (`From Russia`) do not.
/// 7. The sender may contain spaces (a quoted local part): the date is searched for after each
///    word, and everything before it is the sender.
enum MboxFromLine {
    /// The parts of a valid `From ` line, as ranges relative to the start of the line.
    struct Parsed: Sendable, Hashable {
        var sender: Range<Int>
        var date: Range<Int>
    }

    /// Whether `line` has `From ` at `offset`.
    @inline(__always)
    static func startsWithFrom(_ line: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        offset + 5 <= line.count
            && line[offset] == UInt8(ascii: "F") && line[offset + 1] == UInt8(ascii: "r")
            && line[offset + 2] == UInt8(ascii: "o") && line[offset + 3] == UInt8(ascii: "m")
            && line[offset + 4] == UInt8(ascii: " ")
    }

    /// Validates `line` (one line, without its line break). Returns nil when it is not a
    /// `From ` line or does not validate.
    static func parse(_ line: UnsafeRawBufferPointer) -> Parsed? {
        guard startsWithFrom(line, at: 0) else { return nil }
        var tokens: [Range<Int>] = []
        var i = 5
        while i < line.count {
            while i < line.count, isSpace(line[i]) { i += 1 }
            guard i < line.count else { break }
            let start = i
            while i < line.count, !isSpace(line[i]) { i += 1 }
            tokens.append(start..<i)
            if tokens.count > 16 { return nil }  // no real From line has this many words
        }
        guard let first = tokens.first else { return nil }
        if tokens.count == 1 {
            guard senderAloneIsValid(line, first) else { return nil }
            return Parsed(sender: first, date: first.upperBound..<first.upperBound)
        }
        for split in 1..<tokens.count where isDate(line, tokens[split...]) {
            return Parsed(sender: first.lowerBound..<tokens[split - 1].upperBound,
                          date: tokens[split].lowerBound..<tokens[tokens.count - 1].upperBound)
        }
        return nil
    }

    private static func senderAloneIsValid(_ line: UnsafeRawBufferPointer, _ token: Range<Int>) -> Bool {
        if token.count == 1 && line[token.lowerBound] == UInt8(ascii: "-") { return true }
        if token.contains(where: { line[$0] == UInt8(ascii: "@") }) { return true }
        return equalsIgnoringCase(line, token, "MAILER-DAEMON")
    }

    /// Whether the words form an asctime-like date (see the deviations above).
    private static func isDate(_ line: UnsafeRawBufferPointer, _ words: ArraySlice<Range<Int>>) -> Bool {
        var rest = words[...]
        if let w = rest.first, isWeekday(line, w) { rest = rest.dropFirst() }
        guard rest.count >= 3 else { return false }
        let a = rest[rest.startIndex], b = rest[rest.startIndex + 1]
        if isMonth(line, a) && isDay(line, b) || isDay(line, a) && isMonth(line, b) {
            rest = rest.dropFirst(2)
        } else {
            return false
        }
        var sawTime = false, sawYear = false, zones = 0
        while let w = rest.first {
            rest = rest.dropFirst()
            if !sawTime && isTime(line, w) { sawTime = true; continue }
            if !sawYear && isYear(line, w) { sawYear = true; continue }
            if zones < 2 && isZone(line, w) { zones += 1; continue }
            if equalsIgnoringCase(line, w, "remote"), let next = rest.first,
               equalsIgnoringCase(line, next, "from") {
                return sawTime && sawYear
            }
            return false
        }
        return sawTime && sawYear
    }

    /// Three-letter names packed as `packed3` gives them: compared as integers, since every
    /// `From ` line of every mbox is validated (issue "Performance").
    private static let weekdays: [UInt32] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(packed3)
    private static let months: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun",
                                           "jul", "aug", "sep", "oct", "nov", "dec"].map(packed3)

    private static func packed3(_ word: String) -> UInt32 {
        word.utf8.reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The three bytes at `start`, lowercased (`| 0x20` maps only A–Z onto a–z among the bytes
    /// that can then equal a lowercase letter), packed into one integer.
    private static func packed3(_ line: UnsafeRawBufferPointer, at start: Int) -> UInt32 {
        UInt32(line[start] | 0x20) << 16 | UInt32(line[start + 1] | 0x20) << 8 | UInt32(line[start + 2] | 0x20)
    }

    private static func isWeekday(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        var w = w
        if w.count == 4 && line[w.upperBound - 1] == UInt8(ascii: ",") { w = w.lowerBound..<w.upperBound - 1 }
        return w.count == 3 && weekdays.contains(packed3(line, at: w.lowerBound))
    }

    private static func isMonth(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        w.count == 3 && months.contains(packed3(line, at: w.lowerBound))
    }

    private static func isDay(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        guard (1...2).contains(w.count), let n = number(line, w) else { return false }
        return (1...31).contains(n)
    }

    private static func isYear(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        (w.count == 2 || w.count == 4) && number(line, w) != nil
    }

    /// `hh:mm` or `hh:mm:ss`.
    private static func isTime(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        guard w.count == 5 || w.count == 8 else { return false }
        var i = w.lowerBound
        while i < w.upperBound {
            guard i + 2 <= w.upperBound, let n = number(line, i..<i + 2), n < 60 else { return false }
            i += 2
            if i < w.upperBound {
                guard line[i] == UInt8(ascii: ":") else { return false }
                i += 1
            }
        }
        return number(line, w.lowerBound..<w.lowerBound + 2).map { $0 < 24 } ?? false
    }

    /// `+hhmm`, `-hhmm`, or a zone name of 1–5 capital letters (`UT`, `PST`, `MET`, `DST`, `CEST`).
    private static func isZone(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Bool {
        let c = line[w.lowerBound]
        if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")) && w.count == 5 {
            return number(line, w.lowerBound + 1..<w.upperBound) != nil
        }
        return (1...5).contains(w.count) && w.allSatisfy { line[$0] >= 0x41 && line[$0] <= 0x5A }
    }

    private static func number(_ line: UnsafeRawBufferPointer, _ w: Range<Int>) -> Int? {
        var n = 0
        for i in w {
            let d = line[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int(d)
        }
        return w.isEmpty ? nil : n
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    private static func equalsIgnoringCase(_ line: UnsafeRawBufferPointer, _ w: Range<Int>, _ word: String) -> Bool {
        let utf8 = word.utf8
        guard w.count == utf8.count else { return false }
        return zip(w, utf8).allSatisfy { line[$0] | 0x20 == $1 | 0x20 }
    }
}
