/// A date and time with its zone offset, as written in a Date field (RFC 5322 §3.3). No
/// calendar library: the fields are what the header said, validated.
public struct DateTime: Sendable, Hashable {
    /// The full year (2-digit and 3-digit years are already expanded, RFC 5322 §4.3).
    public var year: Int
    /// 1...12
    public var month: Int
    /// 1...31, valid for the month and year.
    public var day: Int
    /// 0...23
    public var hour: Int
    /// 0...59
    public var minute: Int
    /// 0...60 (60 for a leap second, which RFC 5322 §3.3 allows).
    public var second: Int
    /// The zone as minutes east of UTC (`-0600` is -360). 0 when the zone is unknown.
    public var offsetMinutes: Int
    /// False for `-0000` (RFC 5322 §3.3: "no information about the local time zone"), military
    /// and unknown zone names, and a missing zone: all read as 0 per §4.3.
    public var isZoneKnown: Bool

    /// Creates a date from fields the caller has validated.
    public init(
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int = 0,
        offsetMinutes: Int = 0, isZoneKnown: Bool = true
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.offsetMinutes = offsetMinutes
        self.isZoneKnown = isZoneKnown
    }

    /// The day of the week, 0 = Sunday ... 6 = Saturday (proleptic Gregorian calendar).
    public var dayOfWeek: Int {
        // Days since 1970-01-01 (a Thursday, 4).
        let days = DateTime.daysFromCivil(year: year, month: month, day: day)
        return ((days % 7) + 7 + 4) % 7
    }

    /// Seconds since 1970-01-01T00:00:00Z, for ordering dates across zones.
    public var secondsSinceEpoch: Int64 {
        let days = Int64(DateTime.daysFromCivil(year: year, month: month, day: day))
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
    }

    /// Howard Hinnant's days-from-civil: days since 1970-01-01 for a Gregorian date.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func isLeapYear(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension Defect.Kind {
    /// No date could be read; the result is nil.
    public static let dateUnparseable = Defect.Kind("dateUnparseable")
    /// A 2- or 3-digit year (RFC 5322 §4.3) was expanded.
    public static let dateObsoleteYear = Defect.Kind("dateObsoleteYear")
    /// A named zone such as EST (RFC 5322 §4.3 obs-zone) or UTC.
    public static let dateObsoleteZone = Defect.Kind("dateObsoleteZone")
    /// A military single-letter zone: read as -0000 (RFC 5322 §4.3: their meaning was botched
    /// in RFC 822, so they carry no information).
    public static let dateMilitaryZone = Defect.Kind("dateMilitaryZone")
    /// An unknown zone name (CEST, MEZ...) with no numeric offset: read as -0000.
    public static let dateUnknownZone = Defect.Kind("dateUnknownZone")
    /// No zone at all: read as -0000.
    public static let dateMissingZone = Defect.Kind("dateMissingZone")
    /// A numeric zone with minutes over 59 or hours over 99: read as -0000.
    public static let dateInvalidZone = Defect.Kind("dateInvalidZone")
    /// The day name does not match the date (the date wins).
    public static let dateWrongDayOfWeek = Defect.Kind("dateWrongDayOfWeek")
    /// Text that is not part of a date was ignored.
    public static let dateUnexpectedToken = Defect.Kind("dateUnexpectedToken")
    /// Not RFC 5322 syntax but readable: ISO 8601-like or asctime order.
    public static let dateNonStandardFormat = Defect.Kind("dateNonStandardFormat")
}
