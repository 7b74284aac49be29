#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The resume record of an mbox → Maildir conversion (`DST/.mailparse-convert`): which source
/// entries, identified by their byte offset in the source, are delivered, and which were being
/// delivered under which Maildir names when a run stopped.
///
/// It is a text file of lines, only ever appended to:
///
/// - `+<offset> <name>`: **intent**. Written, and `fsync`ed when syncing, *before* any file of
///   that name is created in `tmp/`. So every file a run creates is known to the journal.
/// - `<offset>`: **delivered**. Written after the batch's directories are `fsync`ed. Not
///   `fsync`ed itself: if it is lost, the intent line still names the file, and recovery finds
///   it in `new/` or `cur/` (the next intent `fsync` or the end of the run makes it durable).
///
/// Recovery on a re-run (`recover(maildir:)`) settles every intent without a delivered line:
/// when a file of that name is in `new/`, or in `cur/` with any info suffix (a mail reader may
/// have moved it and set flags), the entry is delivered: a name is only linked there after its
/// bytes are on disk, so a visible name is a complete message. Otherwise it is delivered again.
/// Either way the intent's leftover in `tmp/` is removed. This closes the window in which a
/// crash after the links but before the record would deliver a batch twice.
///
/// Deviations and limits:
/// 1. `tmp/` files that the journal does not name are left alone, whatever their age: they
///    belong to another delivery agent (maildir(5) lets readers remove tmp files older than
///    36 hours; that is the mail reader's job, not a converter's).
/// 2. A message deleted from the Maildir after its batch was linked but before the delivered
///    line was written (a crash in between, then a deletion, then a re-run) is delivered again.
/// 3. The journal does not identify its source: converting a different mbox into the same
///    Maildir skips the offsets the first one delivered. Use a fresh destination per source.
/// 4. A last line without its line break (a crash while appending) is ignored.
struct ConversionJournal {
    /// What a journal says.
    struct State: Equatable {
        /// Offsets recorded as delivered.
        var delivered: Set<Int> = []
        /// Offsets with an intent but no delivered line, with the names reserved for them.
        var pending: [Int: [String]] = [:]
    }

    let path: String
    let fileSystem: any MailboxFileSystem
    let sync: Bool

    /// Reads the journal at `path` (empty when there is none), in 64 KiB chunks.
    static func read(_ path: String) -> State {
        var state = State()
        guard isRegularFile(path), let source = try? FileSource(path: path) else { return state }
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while let n = try? chunk.withUnsafeMutableBytes({ raw in
            Result { () throws(MailboxError) -> Int in try source.read(into: raw) }
        }).get(), n > 0 {
            for byte in chunk[..<n] {
                if byte == 0x0A {
                    Self.apply(line, to: &state)
                    line.removeAll(keepingCapacity: true)
                } else {
                    line.append(byte)
                }
            }
        }
        for offset in state.delivered { state.pending[offset] = nil }
        return state
    }

    /// Applies one complete line; lines of no known form are ignored.
    private static func apply(_ line: [UInt8], to state: inout State) {
        if line.first == UInt8(ascii: "+") {
            guard let space = line.firstIndex(of: 0x20),
                  let offset = Int(String(decoding: line[1..<space], as: UTF8.self)) else { return }
            let name = String(decoding: line[(space + 1)...], as: UTF8.self)
            guard !name.isEmpty, !name.contains("/") else { return }
            state.pending[offset, default: []].append(name)
        } else if let offset = Int(String(decoding: line, as: UTF8.self)) {
            state.delivered.insert(offset)
        }
    }

    /// Records that `name` is about to be created for the entry at `offset` (several at once
    /// with one write and one `fsync`). Must return before the files are created.
    func reserve(_ names: [(offset: Int, name: String)]) throws(MailboxError) {
        guard !names.isEmpty else { return }
        try append(names.map { "+\($0.offset) \($0.name)\n" }.joined(), flush: sync)
    }

    /// Records the entries at `offsets` as delivered (not `fsync`ed: see the type's summary).
    func confirm(_ offsets: [Int]) throws(MailboxError) {
        guard !offsets.isEmpty else { return }
        try append(offsets.map { "\($0)\n" }.joined(), flush: false)
    }

    /// Makes every line written so far durable (at the end of a run).
    func flush() throws(MailboxError) {
        guard sync, isRegularFile(path) else { return }
        try append("", flush: true)
    }

    /// Settles the pending intents against the Maildir at `maildir` (see the type's summary):
    /// removes their `tmp/` leftovers, confirms those whose file is in `new/` or `cur/`, and
    /// returns every delivered offset.
    func recover(maildir: String) throws(MailboxError) -> Set<Int> {
        var state = Self.read(path)
        guard !state.pending.isEmpty else { return state.delivered }
        // Names in cur/ without their info suffix (`:2,FS`).
        var current: Set<Substring> = []
        for name in try Maildir.list(maildir + "/cur") {
            current.insert(name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
        var found: [Int] = []
        for (offset, names) in state.pending.sorted(by: { $0.key < $1.key }) {
            for name in names {
                try? fileSystem.unlink(maildir + "/tmp/" + name)
            }
            if names.contains(where: { isRegularFile(maildir + "/new/" + $0) || current.contains(Substring($0)) }) {
                found.append(offset)
                state.delivered.insert(offset)
            }
        }
        try confirm(found)
        return state.delivered
    }

    /// Appends `text` and optionally `fsync`s; on failure the file is cut back, so a partial
    /// line can never merge with a later one into a wrong record.
    private func append(_ text: String, flush: Bool) throws(MailboxError) {
        let bytes = Array(text.utf8)
        do throws(Errno) {
            let fd = try fileSystem.open(path, flags: O_WRONLY | O_CREAT | O_APPEND, mode: 0o600)
            defer { fileSystem.close(fd) }
            let before = fileSize(fd) ?? 0
            do throws(Errno) {
                let fs = fileSystem
                try bytes.withUnsafeBytes { raw in Result { () throws(Errno) in try fs.writeAll(fd, raw) } }.get()
                if flush { try fileSystem.fsync(fd) }
            } catch {
                try? fileSystem.truncate(fd, to: before)
                throw error
            }
        } catch {
            throw MailboxError(.write, path: path, errno: error.code, message: "cannot record conversion progress")
        }
    }
}
