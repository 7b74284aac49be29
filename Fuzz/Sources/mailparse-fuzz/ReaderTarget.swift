@_spi(Benchmarking) import MIMECore

/// `MIMEReader` invariants:
/// 1. The segments of the events tile the input: in order, no gap, no overlap, 0 to the end.
/// 2. Kept bytes are the input's bytes of the range; only a field may keep fewer (a prefix of at
///    most `maxFieldBytes`), and then the reader reports `fieldTooLong`.
/// 3. Entity begin/end events nest, and every offset lies inside the input.
/// 4. Chunk invariance: the input fed in two chunks, split at a point derived from its hash (and,
///    when short, in chunks of 1–3 bytes), gives the same events once adjacent content runs are
///    merged.
/// 5. The ranges-only reader over the whole input (`Message`'s path, with its whole-field and content fast
///    paths) gives the same events with their bytes left out, once content runs are merged.
enum ReaderTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let hash = inputHash(input)
        let options = fuzzOptions(hash)
        let whole = events(input, options: options, split: nil)
        check(whole, input, options)
        let split = Int(hash % UInt64(input.count + 1))
        let chunked = events(input, options: options, split: split)
        if merged(chunked) != merged(whole) {
            violated("events differ when split at \(split)", input)
        }
        if merged(rangesOnlyWhole(input, options: options)) != merged(whole.map(withoutBytes)) {
            violated("the ranges-only whole-input path differs", input)
        }
        // Short inputs are also drip-fed in 1-, 2- or 3-byte chunks (swift-nio's byte-by-byte
        // verifier): every state boundary of the reader is crossed.
        if input.count <= 1_024 {
            let size = Int((hash >> 32) % 3) + 1
            if merged(dripped(input, options: options, chunk: size)) != merged(whole) {
                violated("events differ when fed in chunks of \(size)", input)
            }
        }
    }

    static func dripped(_ input: UnsafeRawBufferPointer, options: ParserOptions, chunk: Int) -> [MIMEReader.Event] {
        var reader = MIMEReader(options: options)
        var out: [MIMEReader.Event] = []
        var start = 0
        while start < input.count {
            let end = min(input.count, start + chunk)
            reader.feed(UnsafeRawBufferPointer(rebasing: input[start..<end]))
            while let e = reader.next() { out.append(e) }
            start = end
        }
        reader.finish()
        while let e = reader.next() { out.append(e) }
        return out
    }

    /// Events of the ranges-only reader pulling from the whole input at once.
    static func rangesOnlyWhole(_ input: UnsafeRawBufferPointer, options: ParserOptions) -> [MIMEReader.Event] {
        var reader = MIMEReader(options: options, keepingBytes: false)
        reader.finish()
        var out: [MIMEReader.Event] = []
        while let e = reader.benchmarkNext(wholeInput: input, base: 0) { out.append(e) }
        return out
    }

    /// `event` with its segment's bytes left out, as the ranges-only reader reports it.
    static func withoutBytes(_ event: MIMEReader.Event) -> MIMEReader.Event {
        func strip(_ s: MIMEReader.Segment) -> MIMEReader.Segment { MIMEReader.Segment(range: s.range) }
        switch event {
        case .envelope(let s): return .envelope(strip(s))
        case .ignoredLine(let s): return .ignoredLine(strip(s))
        case .field(let s, let colon): return .field(strip(s), colon: colon)
        case .headerEnd(let s, let structure): return .headerEnd(strip(s), structure)
        case .body(let s): return .body(strip(s))
        case .preamble(let s): return .preamble(strip(s))
        case .epilogue(let s): return .epilogue(strip(s))
        case .delimiter(let s, let isClose): return .delimiter(strip(s), isClose: isClose)
        default: return event
        }
    }

    static func events(_ input: UnsafeRawBufferPointer, options: ParserOptions, split: Int?) -> [MIMEReader.Event] {
        var reader = MIMEReader(options: options)
        var out: [MIMEReader.Event] = []
        if let split {
            reader.feed(UnsafeRawBufferPointer(rebasing: input[0..<split]))
            while let e = reader.next() { out.append(e) }
            reader.feed(UnsafeRawBufferPointer(rebasing: input[split...]))
        } else {
            reader.feed(input)
        }
        while let e = reader.next() { out.append(e) }
        reader.finish()
        while let e = reader.next() { out.append(e) }
        return out
    }

    static func check(_ events: [MIMEReader.Event], _ input: UnsafeRawBufferPointer, _ options: ParserOptions) {
        var position = 0
        var open = 0
        var sawFieldTooLong = false
        var shortField = false
        for event in events {
            var segment: MIMEReader.Segment?
            switch event {
            case .envelope(let s), .ignoredLine(let s), .body(let s), .preamble(let s), .epilogue(let s):
                segment = s
            case .headerEnd(let s, _), .delimiter(let s, _):
                segment = s
            case .field(let s, let colon):
                segment = s
                if !(s.range.lowerBound <= colon && colon <= s.range.upperBound) {
                    violated("field colon \(colon) outside \(s.range)", input)
                }
                if let bytes = s.bytes, bytes.count < s.range.count {
                    shortField = true
                    if bytes.count > options.maxFieldBytes {
                        violated("field keeps \(bytes.count) > maxFieldBytes bytes", input)
                    }
                    if !bytes.elementsEqual(input[s.range.lowerBound..<(s.range.lowerBound + bytes.count)]) {
                        violated("truncated field bytes are not a prefix of \(s.range)", input)
                    }
                }
            case .entityBegin(let offset):
                open += 1
                if offset != position { violated("entity begins at \(offset), expected \(position)", input) }
            case .entityEnd(let offset):
                open -= 1
                if open < 0 { violated("entityEnd without entityBegin", input) }
                if offset != position { violated("entity ends at \(offset), expected \(position)", input) }
            case .defect(let d):
                if d.kind == .fieldTooLong { sawFieldTooLong = true }
                if !(0...input.count).contains(d.offset) { violated("defect \(d) outside the input", input) }
            }
            guard let segment else { continue }
            if segment.range.lowerBound != position {
                violated("segment \(segment.range) after \(position): gap or overlap (\(event))", input)
            }
            position = segment.range.upperBound
            if position > input.count { violated("segment \(segment.range) past the end", input) }
            guard let bytes = segment.bytes else { violated("keepingBytes reader gave no bytes", input) }
            if case .field = event, bytes.count < segment.range.count { continue }
            if !bytes.elementsEqual(input[segment.range]) { violated("bytes of \(segment.range) differ", input) }
        }
        if position != input.count { violated("segments end at \(position), input at \(input.count)", input) }
        if open != 0 { violated("\(open) entities left open", input) }
        if shortField && !sawFieldTooLong { violated("field cut short without fieldTooLong", input) }
    }

    /// Adjacent content events of the same kind merged (they may split or merge by chunking).
    static func merged(_ events: [MIMEReader.Event]) -> [MIMEReader.Event] {
        var out: [MIMEReader.Event] = []
        for e in events {
            if let last = out.last, let joined = join(last, e) {
                out[out.count - 1] = joined
            } else {
                out.append(e)
            }
        }
        return out
    }

    static func join(_ a: MIMEReader.Event, _ b: MIMEReader.Event) -> MIMEReader.Event? {
        func cat(_ x: MIMEReader.Segment, _ y: MIMEReader.Segment) -> MIMEReader.Segment? {
            guard x.range.upperBound == y.range.lowerBound else { return nil }
            return MIMEReader.Segment(range: x.range.lowerBound..<y.range.upperBound, bytes: x.bytes.map { $0 + (y.bytes ?? []) })
        }
        switch (a, b) {
        case (.body(let x), .body(let y)): return cat(x, y).map { .body($0) }
        case (.preamble(let x), .preamble(let y)): return cat(x, y).map { .preamble($0) }
        case (.epilogue(let x), .epilogue(let y)): return cat(x, y).map { .epilogue($0) }
        default: return nil
        }
    }
}
