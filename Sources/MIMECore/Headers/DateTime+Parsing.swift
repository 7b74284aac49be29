extension DateTime {
    /// Parses a Date field value (RFC 5322 §3.3 `date-time`, obsolete forms §4.3). Lenient and
    /// total: returns nil only when no day, month, year, hour and minute can be found, and
    /// records a `dateUnparseable` defect then.
    ///
    /// Deviations (all seen in real mail; the SpamAssassin corpus has each of them):
    /// 1. Day names may be missing, wrong (`dateWrongDayOfWeek`), full (`Tuesday`) or any case;
    ///    month names too (`JUL`, `July`, `Sept`).
    /// 2. Years of 2 digits: < 50 → 20xx, else 19xx; 3 digits: + 1900 (§4.3), also when
    ///    written with a leading zero (`0102` → 2002, from Y2K-broken mailers).
    /// 3. Seconds may be missing (0). Comments and extra whitespace are skipped anywhere.
    /// 4. Zones: `-0000` → 0 and `isZoneKnown == false` without a defect (§3.3); UT, GMT and the
    ///    US names of §4.3 are honoured (`UTC` too); military letters, unknown names and a
    ///    missing zone read as 0, unknown, with a defect. `+02:00` and `GMT+0200` are accepted.
    /// 5. Junk after the zone (`+0200 CEST`) is ignored with a notice; a 4-digit zone without
    ///    sign (`0530`) is read as east of UTC (`dateInvalidZone`, a notice).
    /// 6. A 12-hour clock with `AM`/`PM` after the time is converted (`dateNonStandardFormat`).
    /// 7. asctime order (`Tue Jul  1 10:52:37 2003`) and ISO-like `2003-07-01 10:52:37`,
    ///    `2003-07-01T10:52:37Z`, `2002/09/14 Sat 02:29:32 CDT` are read (`dateNonStandardFormat`).
    public static func parse(_ bytes: [UInt8], baseOffset: Int = 0, defects: inout [Defect]) -> DateTime? {
        var parser = DateParser(tokens: DateParser.tokenize(bytes), baseOffset: baseOffset)
        let result = parser.parse()
        if result == nil {
            parser.defects.append(Defect(.dateUnparseable, at: baseOffset, severity: .warning))
        }
        defects += parser.defects
        return result
    }
}

/// The state of one `DateTime.parse` pass.
struct DateParser {
    enum Kind: Equatable {
        case number(value: Int, digits: Int)
        /// Letters only, lowercased.
        case word([UInt8])
        case punct(UInt8)
    }

    struct Token {
        var kind: Kind
        var start: Int
    }

    static let months: [[UInt8]] = ["january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"].map { Array($0.utf8) }
    static let days: [[UInt8]] = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        .map { Array($0.utf8) }

    /// Comments are skipped with a depth counter; numbers longer than 9 digits are capped so
    /// nothing overflows.
    static func tokenize(_ b: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        var depth = 0
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "(") { depth += 1; i += 1; continue }
            if depth > 0 {
                if c == UInt8(ascii: ")") { depth -= 1 } else if c == UInt8(ascii: "\\") { i += 1 }
                i += 1
                continue
            }
            let start = i
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                var value = 0
                var digits = 0
                while i < b.count, b[i] >= UInt8(ascii: "0"), b[i] <= UInt8(ascii: "9") {
                    if digits < 9 { value = value * 10 + Int(b[i] - UInt8(ascii: "0")) }
                    digits += 1
                    i += 1
                }
                tokens.append(Token(kind: .number(value: value, digits: digits), start: start))
            } else if (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") {
                var word: [UInt8] = []
                while i < b.count, (b[i] | 0x20) >= UInt8(ascii: "a"), (b[i] | 0x20) <= UInt8(ascii: "z") {
                    if word.count < 16 { word.append(b[i] | 0x20) }
                    i += 1
                }
                tokens.append(Token(kind: .word(word), start: start))
            } else if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A {
                i += 1
            } else {
                tokens.append(Token(kind: .punct(c), start: start))
                i += 1
            }
        }
        return tokens
    }

    /// The 0-based index of a month or day name: 3 letters at least, a prefix of the full name
    /// ("Jul", "July", "Sept", "Tues"), any case (the tokenizer lowercased it).
    static func index(of word: [UInt8], in names: [[UInt8]]) -> Int? {
        guard word.count >= 3 else { return nil }
        for (k, name) in names.enumerated() where word.count <= name.count && name.starts(with: word) {
            return k
        }
        return nil
    }

    let tokens: [Token]
    let baseOffset: Int
    var defects: [Defect] = []
    var i = 0

    init(tokens: [Token], baseOffset: Int) {
        self.tokens = tokens
        self.baseOffset = baseOffset
    }

    mutating func note(_ kind: Defect.Kind, at token: Int, _ severity: Defect.Severity = .notice) {
        let offset = token < tokens.count ? tokens[token].start : 0
        defects.append(Defect(kind, at: baseOffset + offset, severity: severity))
    }

    func number(_ k: Int) -> (value: Int, digits: Int)? {
        guard k < tokens.count, case .number(let v, let d) = tokens[k].kind else { return nil }
        return (v, d)
    }

    func isPunct(_ k: Int, _ c: UInt8) -> Bool { k < tokens.count && tokens[k].kind == .punct(c) }

    mutating func parse() -> DateTime? {
        // ISO-like: yyyy-mm-dd
        let separator = isPunct(1, UInt8(ascii: "/")) ? UInt8(ascii: "/") : UInt8(ascii: "-")
        if let y = number(0), y.digits == 4, isPunct(1, separator), let m = number(2), isPunct(3, separator),
            let d = number(4)
        {
            note(.dateNonStandardFormat, at: 0)
            i = 5
            // "2003-07-01T10:52:37", or "2002/09/14 Sat 02:29:32 CDT" (seen in spam).
            if i < tokens.count, case .word(let w) = tokens[i].kind,
                w == [UInt8(ascii: "t")] || DateParser.index(of: w, in: DateParser.days) != nil
            {
                i += 1
            }
            return finish(year: y.value, yearDigits: 4, month: m.value, day: d.value, dayName: nil, iso: true)
        }
        // Free order: each token is classified by what it looks like and what has been seen so
        // far, so "1 Jul 2003 10:00", "Jul 1 2003 10:00" and asctime's "Jul 1 10:00 2003" all
        // read the same. A number followed by ":" is the time; the first 1-2 digit number is the
        // day; the next number is the year; "+"/"-" and zone names count only after the time.
        var dayName: (index: Int, token: Int)? = nil
        var month: Int? = nil
        var day: Int? = nil
        var year: (value: Int, digits: Int)? = nil
        var monthFirst = false
        var time: (h: Int, m: Int, s: Int)? = nil
        var zone: (offset: Int, known: Bool)? = nil
        while i < tokens.count {
            let k = i
            switch tokens[k].kind {
            case .word(let w):
                if month == nil, day == nil, dayName == nil, let d = DateParser.index(of: w, in: DateParser.days) {
                    dayName = (d, k)
                    i += 1
                } else if month == nil, let m = DateParser.index(of: w, in: DateParser.months) {
                    month = m + 1
                    if day == nil { monthFirst = true }
                    i += 1
                } else if var t = time, zone == nil, w == Array("pm".utf8) || w == Array("am".utf8) {
                    // "06:50:21 PM -0400": a 12-hour clock (seen in spam); PM adds 12 hours.
                    note(.dateNonStandardFormat, at: k)
                    if w[0] == UInt8(ascii: "p"), t.h < 12 { t.h += 12 } else if w[0] == UInt8(ascii: "a"), t.h == 12 { t.h = 0 }
                    time = t
                    i += 1
                } else if time != nil, zone == nil {
                    zone = namedZone(w, at: k)
                } else {
                    note(.dateUnexpectedToken, at: k)
                    i += 1
                }
            case .number(let v, let digits):
                if isPunct(k + 1, UInt8(ascii: ":")), time == nil, let m = number(k + 2) {
                    var s = 0
                    i = k + 3
                    if isPunct(i, UInt8(ascii: ":")), let sec = number(i + 1) {
                        s = sec.value
                        i += 2
                    }
                    time = (v, m.value, s)
                    // Fractional seconds (ISO habits leaking into mail): ignored.
                    if isPunct(i, UInt8(ascii: ".")), number(i + 1) != nil { i += 2 }
                } else if day == nil, digits <= 2 {
                    day = v
                    i += 1
                } else if year == nil {
                    year = (v, digits)
                    i += 1
                } else if time != nil, zone == nil, digits == 4, v % 100 < 60 {
                    // "10:00:00 0530": a zone without its sign; read as east, as Python does.
                    note(.dateInvalidZone, at: k)
                    zone = ((v / 100) * 60 + v % 100, true)
                    i += 1
                } else {
                    note(.dateUnexpectedToken, at: k)
                    i += 1
                }
            case .punct(let c):
                if (c == UInt8(ascii: "+") || c == UInt8(ascii: "-")), time != nil, zone == nil, number(k + 1) != nil {
                    zone = numericZone(at: k)
                } else {
                    if c != UInt8(ascii: ","), c != UInt8(ascii: "-"), c != UInt8(ascii: ".") {
                        note(.dateUnexpectedToken, at: k)
                    }
                    i += 1
                }
            }
        }
        // A date without a time is not a date-time (RFC 5322 §3.3); guessing midnight would
        // invent information, so it is unparseable.
        guard let month, let day, let year, let time else { return nil }
        if monthFirst { note(.dateNonStandardFormat, at: 0) }
        return validated(
            year: year.value, yearDigits: year.digits, month: month, day: day, time: time, zone: zone, dayName: dayName)
    }

    /// After an ISO date: time and zone.
    private mutating func finish(year: Int, yearDigits: Int, month: Int, day: Int, dayName: (Int, Int)?, iso: Bool)
        -> DateTime?
    {
        guard let h = number(i), isPunct(i + 1, UInt8(ascii: ":")), let m = number(i + 2) else { return nil }
        i += 3
        var s = 0
        if isPunct(i, UInt8(ascii: ":")), let sec = number(i + 1) {
            s = sec.value
            i += 2
        }
        if isPunct(i, UInt8(ascii: ".")), number(i + 1) != nil { i += 2 }
        var zone: (offset: Int, known: Bool)? = nil
        if i < tokens.count {
            switch tokens[i].kind {
            case .word([UInt8(ascii: "z")]):
                zone = (0, true)  // ISO 8601 "Z" is UTC, not the RFC 822 military letter
                i += 1
            case .word(let w):
                zone = namedZone(w, at: i)
            case .punct(UInt8(ascii: "+")), .punct(UInt8(ascii: "-")):
                zone = numericZone(at: i)
            default:
                break
            }
        }
        while i < tokens.count {
            note(.dateUnexpectedToken, at: i)
            i += 1
        }
        return validated(year: year, yearDigits: yearDigits, month: month, day: day, time: (h.value, m.value, s), zone: zone, dayName: nil)
    }

    /// `+hhmm`, `-hhmm`, `+hh:mm`, `+hh` after a time.
    private mutating func numericZone(at k: Int) -> (offset: Int, known: Bool) {
        let sign = isPunct(k, UInt8(ascii: "-")) ? -1 : 1
        guard let n = number(k + 1) else { i = k + 1; return (0, false) }
        i = k + 2
        var hours: Int
        var minutes: Int
        if n.digits <= 2, isPunct(i, UInt8(ascii: ":")), let mm = number(i + 1) {
            hours = n.value
            minutes = mm.value
            i += 2
        } else if n.digits <= 2 {
            hours = n.value
            minutes = 0
        } else {
            hours = n.value / 100
            minutes = n.value % 100
        }
        if n.digits > 4 || minutes > 59 {
            note(.dateInvalidZone, at: k, .warning)
            return (0, false)
        }
        if hours == 0, minutes == 0, sign < 0 { return (0, false) }  // -0000: §3.3, no defect
        return (sign * (hours * 60 + minutes), true)
    }

    /// Named zones (RFC 5322 §4.3) and the `GMT+0200` habit.
    private mutating func namedZone(_ w: [UInt8], at k: Int) -> (offset: Int, known: Bool) {
        i = k + 1
        let name = String(decoding: w, as: UTF8.self)
        let hours: Int?
        switch name {
        case "ut", "gmt", "utc": hours = 0
        case "est": hours = -5
        case "edt": hours = -4
        case "cst": hours = -6
        case "cdt": hours = -5
        case "mst": hours = -7
        case "mdt": hours = -6
        case "pst": hours = -8
        case "pdt": hours = -7
        default: hours = nil
        }
        if let hours {
            if hours == 0, isPunct(i, UInt8(ascii: "+")) || isPunct(i, UInt8(ascii: "-")), number(i + 1) != nil {
                note(.dateObsoleteZone, at: k)
                return numericZone(at: i)
            }
            if name != "gmt" && name != "ut" { note(.dateObsoleteZone, at: k) }
            return (hours * 60, true)
        }
        if w.count == 1, w[0] != UInt8(ascii: "j") {
            note(.dateMilitaryZone, at: k, .warning)
        } else {
            note(.dateUnknownZone, at: k, .warning)
        }
        return (0, false)
    }

    private mutating func validated(
        year rawYear: Int, yearDigits: Int, month: Int, day: Int, time: (h: Int, m: Int, s: Int),
        zone: (offset: Int, known: Bool)?, dayName: (index: Int, token: Int)?
    ) -> DateTime? {
        var year = rawYear
        switch yearDigits {
        case 1, 2:
            year = rawYear < 50 ? 2000 + rawYear : 1900 + rawYear
            note(.dateObsoleteYear, at: 0)
        case 3:
            year = 1900 + rawYear
            note(.dateObsoleteYear, at: 0)
        case 4 where rawYear < 1000:
            // "0102": a 3-digit year (tm_year) printed with a leading zero by Y2K-broken mailers.
            year = 1900 + rawYear
            note(.dateObsoleteYear, at: 0)
        case 4:
            break
        default:
            return nil
        }
        // Out-of-range fields make the whole date unparseable rather than silently normalised:
        // "32 Jan" is damage, not 1 Feb.
        guard (1...12).contains(month), day >= 1, day <= DateTime.daysIn(month: month, year: year),
            (0...23).contains(time.h), (0...59).contains(time.m), (0...60).contains(time.s)
        else { return nil }
        let zone = zone ?? {
            defects.append(Defect(.dateMissingZone, at: baseOffset, severity: .warning))
            return (0, false)
        }()
        let result = DateTime(
            year: year, month: month, day: day, hour: time.h, minute: time.m, second: time.s,
            offsetMinutes: zone.offset, isZoneKnown: zone.known)
        // The date wins over the day name (RFC 5322 §3.3: the day name is redundant).
        if let dayName, dayName.index != result.dayOfWeek {
            note(.dateWrongDayOfWeek, at: dayName.token)
        }
        return result
    }
}
