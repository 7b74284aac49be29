#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension MboxEnvelope {
    /// An envelope for `sender` at `time` (seconds since 1970, UTC), with the date in the
    /// asctime form RFC 4155 §2 describes: `Thu Jan  1 00:00:00 1970`.
    ///
    /// White space and control characters in `sender` would break the `From ` line, so they
    /// become `_`; an empty sender becomes `MAILER-DAEMON` (as RFC 4155 suggests for bounces).
    public init(sender: String, time: Int) {
        var bytes = Array(sender.utf8).map { $0 <= 0x20 || $0 == 0x7F ? UInt8(ascii: "_") : $0 }
        if bytes.isEmpty { bytes = Array("MAILER-DAEMON".utf8) }
        self.init(sender: bytes, date: Array(Self.asctime(time).utf8))
    }

    /// `Www Mmm dd hh:mm:ss yyyy` in UTC, the day padded with a space (C `asctime`).
    public static func asctime(_ time: Int) -> String {
        var t = time_t(time)
        var parts = tm()
        guard gmtime_r(&t, &parts) != nil else { return "Thu Jan  1 00:00:00 1970" }
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let day = parts.tm_mday < 10 ? " \(parts.tm_mday)" : "\(parts.tm_mday)"
        return "\(days[Int(parts.tm_wday) % 7]) \(months[Int(parts.tm_mon) % 12]) \(day) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(1900 + Int(parts.tm_year))"
    }

    /// The time the envelope's date gives (UTC; a numeric zone is applied), or nil when it does
    /// not parse. Used to set a delivered file's mtime from an mbox `From ` line. Only 2- or
    /// 4-digit years and 2-digit clock fields are taken, so no input can overflow the arithmetic.
    public var time: Int? {
        // Once per message of a conversion: ASCII dates (all real ones) are read as bytes; the
        // `String` reading (`textTime`) is kept for the rest, where a `Character` (a combining
        // mark after `:`) can differ from its bytes, so that no date is read differently (issue 5).
        date.allSatisfy({ $0 < 0x80 }) ? Self.asciiTime(date) : Self.textTime(date)
    }

    /// `time` read word by word as `String`s (for dates with non-ASCII bytes).
    static func textTime(_ date: [UInt8]) -> Int? {
        let words = date.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        var month: Int?, day: Int?, year: Int?, clock: [Int]?, offset = 0
        for w in words {
            let lower = w.lowercased()
            if month == nil, let m = months.firstIndex(of: lower) { month = m + 1; continue }
            if clock == nil, w.contains(":") {
                let p = w.split(separator: ":").compactMap { $0.count <= 2 ? Int($0) : nil }
                if (2...3).contains(p.count) { clock = p }
                continue
            }
            if (w.hasPrefix("+") || w.hasPrefix("-")), w.count == 5, let v = Int(w.dropFirst()) {
                offset = (w.hasPrefix("-") ? -1 : 1) * ((v / 100) * 60 + v % 100) * 60
                continue
            }
            if let n = Int(w) {
                if day == nil && month != nil && w.count <= 2 && year == nil && n <= 31 && n >= 1 { day = n }
                else if day == nil && month == nil && w.count <= 2 { day = n }
                else if year == nil && (w.count == 2 || w.count == 4) { year = w.count == 2 ? (n < 70 ? 2000 + n : 1900 + n) : n }
            }
        }
        return Self.seconds(month: month, day: day, year: year, clock: clock, offset: offset)
    }

    /// `time` for a date of ASCII bytes: the same rules word by word, without a `String`.
    static func asciiTime(_ date: [UInt8]) -> Int? {
        var month: Int?, day: Int?, year: Int?, clock: [Int]?, offset = 0
        for w in date.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }) {
            if month == nil, w.count == 3 {
                let key = w.reduce(UInt32(0)) { $0 << 8 | UInt32($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) }
                if let m = monthKeys.firstIndex(of: key) { month = m + 1; continue }
            }
            if clock == nil, w.contains(UInt8(ascii: ":")) {
                let p = w.split(separator: UInt8(ascii: ":")).compactMap { $0.count <= 2 ? integer($0) : nil }
                if (2...3).contains(p.count) { clock = p }
                continue
            }
            if w.first == UInt8(ascii: "+") || w.first == UInt8(ascii: "-"), w.count == 5, let v = integer(w.dropFirst()) {
                offset = (w.first == UInt8(ascii: "-") ? -1 : 1) * ((v / 100) * 60 + v % 100) * 60
                continue
            }
            if let n = integer(w) {
                if day == nil && month != nil && w.count <= 2 && year == nil && n <= 31 && n >= 1 { day = n }
                else if day == nil && month == nil && w.count <= 2 { day = n }
                else if year == nil && (w.count == 2 || w.count == 4) { year = w.count == 2 ? (n < 70 ? 2000 + n : 1900 + n) : n }
            }
        }
        return seconds(month: month, day: day, year: year, clock: clock, offset: offset)
    }

    /// The month abbreviations, lowercase, each as its three bytes in a `UInt32` (built once, not
    /// per date).
    private static let monthKeys: [UInt32] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                              "nov", "dec"].map { $0.utf8.reduce(0) { $0 << 8 | UInt32($1) } }

    /// `Int(_: String)` for ASCII bytes: an optional sign, then one or more digits; nil on
    /// anything else or on overflow.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        var digits = bytes[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative || digits.first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = negative ? times.subtractingReportingOverflow(Int(byte - 0x30))
                                     : times.addingReportingOverflow(Int(byte - 0x30))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// Seconds since 1970 for the fields found, or nil when one is missing.
    private static func seconds(month: Int?, day: Int?, year: Int?, clock: [Int]?, offset: Int) -> Int? {
        guard let month, let day, let year, let clock else { return nil }
        // Days from civil (Howard Hinnant's algorithm), so no time zone state is involved.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let seconds = clock.count > 2 ? clock[2] : 0
        return days * 86400 + clock[0] * 3600 + clock[1] * 60 + seconds - offset
    }
}
