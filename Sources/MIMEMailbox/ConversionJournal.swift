#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MIMECore

/// The resume record of an mbox → Maildir conversion (`DST/.mailparse-convert`): which source
/// entries are delivered, and which were being delivered under which Maildir names when a run
/// stopped. An entry is identified by its byte offset in the source *and* a digest of its
/// message (`Key`), so a different mbox converted into the same Maildir, or the same mbox
/// rewritten in between (a mail client's expunge moves later messages), never has an entry
/// skipped because another message once sat at its offset.
///
/// It is a text file of lines, only ever appended to:
///
/// - `+<offset> <name> <digest>`: **intent**. Written, and `fsync`ed when syncing, *before* any
///   file of that name is created in `tmp/`. So every file a run creates is known to the journal.
/// - `<offset> <digest>`: **delivered**. Written after the batch's directories are `fsync`ed. Not
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
/// 3. Lines without a digest (or of no known form) are ignored: at worst an entry is delivered
///    again, never skipped.
/// 4. A last line without its line break (a crash while appending) is ignored.
struct ConversionJournal {
    /// A source entry: its offset and a digest of its message bytes (`digest(_:)`).
    struct Key: Hashable, Comparable {
        var offset: Int
        var digest: UInt64

        static func < (a: Key, b: Key) -> Bool { (a.offset, a.digest) < (b.offset, b.digest) }

        /// The digest as 16 hex digits.
        var digestText: String {
            let hex = String(digest, radix: 16)
            return String(repeating: "0", count: 16 - hex.utf8.count) + hex
        }

        /// `<offset> <digest>`, as a delivered line has it.
        var text: String { "\(offset) \(digestText)" }

        /// `<offset> <16 hex digits>`, or nil.
        init?<S: StringProtocol>(_ offsetText: S, _ digestText: S) {
            guard let offset = Int(offsetText), offset >= 0, digestText.utf8.count == 16,
                  let digest = UInt64(digestText, radix: 16) else { return nil }
            self.init(offset: offset, digest: digest)
        }

        init(offset: Int, digest: UInt64) {
            self.offset = offset
            self.digest = digest
        }
    }

    /// What a journal says.
    struct State: Equatable {
        /// Entries recorded as delivered.
        var delivered: Set<Key> = []
        /// Entries with an intent but no delivered line, with the names reserved for them.
        var pending: [Key: [String]] = [:]
    }

    /// A 64-bit digest of a message: eight bytes at a time, multiplied and folded, then the
    /// length. Not cryptographic; with the offset it tells one message from another.
    static func digest(_ message: ByteView) -> UInt64 {
        message.withUnsafeBytes { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var i = 0
            while i + 8 <= bytes.count {
                hash = (hash ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                hash ^= hash >> 29
                i += 8
            }
            while i < bytes.count {
                hash = (hash ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01B3
                i += 1
            }
            hash = (hash ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15
            return hash ^ (hash >> 32)
        }
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
        for key in state.delivered { state.pending[key] = nil }
        return state
    }

    /// Applies one complete line; lines of no known form are ignored.
    private static func apply(_ line: [UInt8], to state: inout State) {
        let words = String(decoding: line, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        if line.first == UInt8(ascii: "+") {
            guard words.count == 3, let key = Key(words[0].dropFirst(), words[2]) else { return }
            let name = String(words[1])
            guard !name.isEmpty, !name.contains("/") else { return }
            state.pending[key, default: []].append(name)
        } else if words.count == 2, let key = Key(words[0], words[1]) {
            state.delivered.insert(key)
        }
    }

    /// Records that `name` is about to be created for the entry `key` (several at once with
    /// one write and one `fsync`). Must return before the files are created.
    func reserve(_ names: [(key: Key, name: String)]) throws(MailboxError) {
        guard !names.isEmpty else { return }
        try append(names.map { "+\($0.key.offset) \($0.name) \($0.key.digestText)\n" }.joined(), flush: sync)
    }

    /// Records the entries `keys` as delivered (not `fsync`ed: see the type's summary).
    func confirm(_ keys: [Key]) throws(MailboxError) {
        guard !keys.isEmpty else { return }
        try append(keys.map { $0.text + "\n" }.joined(), flush: false)
    }

    /// Makes every line written so far durable (at the end of a run).
    func flush() throws(MailboxError) {
        guard sync, isRegularFile(path) else { return }
        try append("", flush: true)
    }

    /// Settles the pending intents against the Maildir at `maildir` (see the type's summary):
    /// removes their `tmp/` leftovers, confirms those whose file is in `new/` or `cur/`, and
    /// returns every delivered entry.
    func recover(maildir: String) throws(MailboxError) -> Set<Key> {
        var state = Self.read(path)
        guard !state.pending.isEmpty else { return state.delivered }
        // Names in cur/ without their info suffix (`:2,FS`).
        var current: Set<Substring> = []
        for name in try Maildir.list(maildir + "/cur") {
            current.insert(name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)[0])
        }
        var found: [Key] = []
        for (key, names) in state.pending.sorted(by: { $0.key < $1.key }) {
            for name in names {
                try? fileSystem.unlink(maildir + "/tmp/" + name)
            }
            if names.contains(where: { isRegularFile(maildir + "/new/" + $0) || current.contains(Substring($0)) }) {
                found.append(key)
                state.delivered.insert(key)
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
