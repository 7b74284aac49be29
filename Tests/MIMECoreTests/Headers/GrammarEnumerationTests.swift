import MIMECore
import Testing

/// Every short input over each structured grammar's special characters: no crash, defects at
/// offsets inside the input, and the outcome histogram pinned so any change of behaviour shows.
@Suite struct GrammarEnumerationTests {
    static func offsetsInside(_ defects: [Defect], _ count: Int) -> Bool {
        defects.allSatisfy { $0.offset >= 0 && $0.offset <= count }
    }

    /// All strings of up to 5 tokens over 13 address specials (402,234 inputs).
    @Test func addressLists() {
        var histogram: [String: Int] = [:]
        var outside = 0
        enumerateStrings(["a", "@", "<", ">", ",", ":", ";", "\"", "(", ")", ".", " ", "\\"], maxLength: 5) { s in
            var defects: [Defect] = []
            let input = bytes(s)
            let list = Address.parseList(input, defects: &defects)
            if !Self.offsetsInside(defects, input.count) { outside += 1 }
            let groups = list.filter { if case .group = $0 { return true } else { return false } }.count
            let key = "addresses=\(min(list.count, 3)) groups=\(min(groups, 2))" + (defects.isEmpty ? "" : " defects")
            histogram[key, default: 0] += 1
        }
        #expect(outside == 0)
        #expect(
            histogram == [
                "addresses=0 groups=0": 2_169, "addresses=0 groups=0 defects": 143_319,
                "addresses=1 groups=0": 328, "addresses=1 groups=0 defects": 176_738,
                "addresses=1 groups=1": 336, "addresses=1 groups=1 defects": 63_949,
                "addresses=2 groups=0": 1, "addresses=2 groups=0 defects": 8_825,
                "addresses=2 groups=1": 16, "addresses=2 groups=1 defects": 5_585,
                "addresses=2 groups=2": 15, "addresses=2 groups=2 defects": 853,
                "addresses=3 groups=0 defects": 48, "addresses=3 groups=1 defects": 40,
                "addresses=3 groups=2 defects": 12,
            ], "histogram \(histogram.sorted { $0.key < $1.key })")
    }

    /// All strings of up to 5 tokens over date pieces (177,156 inputs); 1,860 make a date.
    @Test func dates() {
        var histogram: [String: Int] = [:]
        var outside = 0
        enumerateStrings(["1 ", "jul ", "2003 ", "12:00", ":", "+0200", "-", "gmt", "(", ")", "tue,"], maxLength: 5) { s in
            var defects: [Defect] = []
            let input = bytes(s)
            let date = DateTime.parse(input, defects: &defects)
            if !Self.offsetsInside(defects, input.count) { outside += 1 }
            let key = date == nil ? "nil" : (date!.isZoneKnown ? "known zone" : "unknown zone")
            histogram[key, default: 0] += 1
        }
        #expect(outside == 0)
        #expect(
            histogram == ["nil": 175_296, "unknown zone": 1_496, "known zone": 364],
            "histogram \(histogram.sorted { $0.key < $1.key })")
    }

    /// All strings of up to 6 tokens over message-id specials (299,593 inputs).
    @Test func messageIDs() {
        var histogram: [String: Int] = [:]
        var outside = 0
        enumerateStrings(["<", ">", "a", "@", " ", "(", ")", "\""], maxLength: 6) { s in
            var defects: [Defect] = []
            let input = bytes(s)
            let ids = MessageID.parseList(input, defects: &defects)
            if !Self.offsetsInside(defects, input.count) { outside += 1 }
            histogram["ids=\(min(ids.count, 3))" + (defects.isEmpty ? "" : " defects"), default: 0] += 1
        }
        #expect(outside == 0)
        #expect(
            histogram == [
                "ids=0": 63_758, "ids=0 defects": 60_489, "ids=1": 3_065, "ids=1 defects": 137_566, "ids=2": 25,
                "ids=2 defects": 33_093, "ids=3 defects": 1_597,
            ], "histogram \(histogram.sorted { $0.key < $1.key })")
    }

    /// Seeded random token soup for Received and Authentication-Results (20,000 inputs each).
    @Test func receivedAndAuthenticationResults() {
        var rng = SplitMix64(seed: 2026)
        let receivedTokens = ["from ", "by ", "with ", "id ", "for ", "via ", "(", ")", ";", "a.b ", "<x@y> ", "1 Jul 2003 10:00 +0000", " "]
        let authTokens = ["mx", ";", "=", " ", "spf", "pass", "header.d", "reason", "\"q\"", "(", ")", "/1", "none", "."]
        var clauses = 0
        var results = 0
        for _ in 0..<20_000 {
            var r = ""
            var a = ""
            for _ in 0..<Int(rng.next() % 12) { r += receivedTokens[Int(rng.next() % UInt64(receivedTokens.count))] }
            for _ in 0..<Int(rng.next() % 12) { a += authTokens[Int(rng.next() % UInt64(authTokens.count))] }
            var defects: [Defect] = []
            let received = Received.parse(bytes(r), defects: &defects)
            clauses += [received.from, received.by, received.via, received.with, received.id, received.for].compactMap { $0 }.count
            results += AuthenticationResults.parse(bytes(a), defects: &defects).results.count
            #expect(Self.offsetsInside(defects, max(r.utf8.count, a.utf8.count)))
        }
        #expect(clauses == 24_283 && results == 1_152, "clauses \(clauses) results \(results)")
    }
}
