/// Which kind of mailbox to imitate. See `Benchmarks/README.md` for the full description of each mix.
public enum CorpusMix: String, Sendable, CaseIterable {
    /// A mailing-list archive: header-heavy plain text, quoted replies and patches (~9 KB a message).
    case lists
    /// A personal mailbox: multipart/alternative and related, attachments of 10 KB–2 MB, many charsets.
    case personal
}

/// A deterministic generator of realistic mail, framed as mboxrd.
///
/// Same mix and seed → the same bytes, on every platform and toolchain: all randomness comes from `SplitMix64`,
/// all dates from a simulated clock, nothing from the environment.
public struct CorpusGenerator: Sendable {
    /// The mix this generator imitates.
    public let mix: CorpusMix
    /// Messages produced so far.
    public private(set) var messageCount = 0

    var rng: SplitMix64
    /// Simulated time of the current message, seconds since 1970; starts 2015-01-05 and moves forward.
    var clock: Int = 1_420_416_000
    /// Recent Message-IDs, so that replies reference messages that exist earlier in the mailbox.
    var recentIDs: [String] = []

    /// A generator for `mix`, whose output is fully determined by `seed`.
    public init(mix: CorpusMix, seed: UInt64) {
        self.mix = mix
        // Different mixes with the same seed should not share a random stream.
        self.rng = SplitMix64(seed: seed ^ (mix == .lists ? 0x6C69_7374_7321 : 0x7065_7273_6F6E))
    }

    /// Appends the next message to `out` as mboxrd: the `From ` line, the message with every line matching
    /// `^>*From ` escaped by one more `>`, and the blank line that ends it.
    public mutating func appendNextMessage(to out: inout [UInt8]) {
        clock += rng.int(in: 20...(mix == .lists ? 1_800 : 14_400))
        var message = MailBuffer(reservingCapacity: mix == .lists ? 16 * 1024 : 256 * 1024)
        let sender: Person
        switch mix {
        case .lists: sender = listsMessage(into: &message)
        case .personal: sender = personalMessage(into: &message)
        }
        messageCount += 1
        // Postfix and mutt write the envelope sender and an asctime(3) date, day padded with a space.
        out.append(contentsOf: "From \(sender.address) \(MailDate.asctime(clock))\n".utf8)
        MboxRD.appendEscaped(message.bytes, to: &out)
    }
}

/// mboxrd framing (the `>From ` quoting that is reversible: every `^>*From ` line gains one `>`).
enum MboxRD {
    static func appendEscaped(_ message: [UInt8], to out: inout [UInt8]) {
        out.reserveCapacity(out.count + message.count + 64)
        message.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var start = 0
            while start < count {
                var probe = start
                while probe < count && bytes[probe] == 0x3E { probe += 1 }
                if count - probe >= 5 && bytes[probe] == 0x46 && bytes[probe + 1] == 0x72 && bytes[probe + 2] == 0x6F
                    && bytes[probe + 3] == 0x6D && bytes[probe + 4] == 0x20
                {
                    out.append(0x3E)
                }
                var end = probe
                while end < count && bytes[end] != 0x0A { end += 1 }
                end = min(end + 1, count)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<end]))
                start = end
            }
        }
        if out.last != 0x0A { out.append(0x0A) }
        out.append(0x0A)
    }
}

/// Date formats of mail, computed from seconds since 1970 without the C library (so output never depends on TZ).
enum MailDate {
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday.
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Days since 1970 → (year, month 1–12, day 1–31); Howard Hinnant's `civil_from_days`.
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    static func parts(_ time: Int) -> (wd: String, mon: String, day: Int, year: Int, hms: String) {
        let days = time / 86_400
        let secs = time % 86_400
        let (year, month, day) = civil(days)
        return (weekdays[days % 7], months[month - 1], day, year,
                "\(two(secs / 3_600)):\(two(secs / 60 % 60)):\(two(secs % 60))")
    }

    /// `Www Mmm dd hh:mm:ss yyyy` as in an mbox `From ` line.
    static func asctime(_ time: Int) -> String {
        let p = parts(time)
        return "\(p.wd) \(p.mon) \(p.day < 10 ? " " : "")\(p.day) \(p.hms) \(p.year)"
    }

    /// RFC 5322 §3.3 `date-time`, shown in a zone `offsetMinutes` from UTC.
    static func rfc5322(_ time: Int, offsetMinutes: Int) -> String {
        let p = parts(time + offsetMinutes * 60)
        let sign = offsetMinutes < 0 ? "-" : "+"
        let magnitude = abs(offsetMinutes)
        return "\(p.wd), \(p.day) \(p.mon) \(p.year) \(p.hms) \(sign)\(two(magnitude / 60))\(two(magnitude % 60))"
    }
}
