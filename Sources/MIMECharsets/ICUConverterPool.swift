import CMailICU
import MIMECore
import Synchronization

/// One open ICU converter (through CMailICU). A converter is not thread-safe: the pool hands
/// each one to a single caller at a time, which is what makes the `@unchecked` sound.
final class ICUConverter: @unchecked Sendable {
    let handle: OpaquePointer

    init?(name: String) {
        // ICU opens its default converter for "" and would cut a name at NUL.
        guard !name.isEmpty, !name.utf8.contains(0), let handle = cmailicu_open(name) else { return nil }
        self.handle = handle
    }

    deinit { cmailicu_close(handle) }

    /// Converts `bytes` (a whole text) to UTF-8, appending to `output`; returns whether any
    /// input became U+FFFD. ICU errors other than a full buffer end the text as invalid.
    func appendUTF8(_ bytes: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        var offset = 0
        var restart: Int32 = 1
        var hadInvalid: Int32 = 0
        while true {
            let remaining = bytes.count - offset
            var status = CMAILICU_DONE
            let capacity = max(remaining * 3, 256) + 16
            output.appendBytes(upTo: capacity) { target in
                var consumed = 0
                var written = 0
                status = Int(cmailicu_to_utf8(handle, bytes.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + offset },
                                              remaining, target, capacity, &consumed, &written, restart, &hadInvalid))
                offset += consumed
                return written
            }
            restart = 0
            if status == CMAILICU_OUTPUT_FULL { continue }
            return hadInvalid != 0 || status == CMAILICU_FAILED
        }
    }
}

/// Keeps converters open between calls, per charset name, for any number of threads: opening
/// one costs far more than converting a typical header word. Names ICU does not know are
/// remembered too. Both caches are bounded, so hostile mail full of invented names cannot
/// grow them.
enum ICUConverterPool {
    private struct State {
        var idle: [String: [ICUConverter]] = [:]
        var unknown: Set<String> = []
    }

    private enum Lookup { case unknown, idle(ICUConverter), none }

    private static let state = Mutex(State())
    private static let namesLimit = 64
    private static let idlePerName = 4

    /// Calls `body` with a converter for `name`, or returns nil when ICU does not know it.
    static func withConverter<R>(named name: String, _ body: (ICUConverter) -> R) -> R? {
        let lookup: Lookup = state.withLock { state in
            if state.unknown.contains(name) { return .unknown }
            if let found = state.idle[name]?.popLast() { return .idle(found) }
            return .none
        }
        let converter: ICUConverter
        switch lookup {
        case .unknown:
            return nil
        case .idle(let found):
            converter = found
        case .none:
            guard let opened = ICUConverter(name: name) else {
                state.withLock { state in
                    if state.unknown.count < namesLimit * 4 { state.unknown.insert(name) }
                }
                return nil
            }
            converter = opened
        }
        let result = body(converter)
        state.withLock { state in
            if state.idle[name] == nil && state.idle.count >= namesLimit { return }
            if state.idle[name, default: []].count < idlePerName { state.idle[name, default: []].append(converter) }
        }
        return result
    }
}
