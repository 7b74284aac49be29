#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a generated corpus to a file (the only I/O in this module).
public enum CorpusFile {
    /// What a generation run produced.
    public struct Summary: Sendable {
        public var messages: Int
        public var bytes: Int
    }

    /// An error from the operating system, with the call that failed.
    public struct IOError: Error, CustomStringConvertible {
        public var call: String
        public var path: String
        public var errno: Int32
        public var description: String { "\(call)(\(path)): \(String(cString: strerror(errno)))" }
    }

    /// Generates messages of `mix` from `seed` until at least `size` bytes are written, and writes them to `path`
    /// (`-` for standard output). The file is written under a temporary name and renamed into place, so a
    /// benchmark never sees a half-written corpus.
    public static func generate(mix: CorpusMix, seed: UInt64, size: Int, path: String) throws -> Summary {
        let toStdout = path == "-"
        let temporary = toStdout ? path : "\(path).tmp.\(getpid())"
        let fd = toStdout ? STDOUT_FILENO : open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IOError(call: "open", path: temporary, errno: errno) }
        var generator = CorpusGenerator(mix: mix, seed: seed)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4 << 20)
        var written = 0
        while written < size {
            generator.appendNextMessage(to: &buffer)
            if buffer.count >= 1 << 20 || written + buffer.count >= size {
                try writeAll(fd, buffer, path: temporary)
                written += buffer.count
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if !toStdout {
            close(fd)
            guard rename(temporary, path) == 0 else { throw IOError(call: "rename", path: path, errno: errno) }
        }
        return Summary(messages: generator.messageCount, bytes: written)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw IOError(call: "write", path: path, errno: errno)
                }
                offset += n
            }
        }
    }

    /// `"100M"` → 100,000,000: decimal suffixes K, M, G (so MB/s figures divide evenly).
    public static func parseSize(_ text: String) -> Int? {
        guard let last = text.last else { return nil }
        let multiplier: Int
        switch last {
        case "k", "K": multiplier = 1_000
        case "m", "M": multiplier = 1_000_000
        case "g", "G": multiplier = 1_000_000_000
        default: return Int(text)
        }
        return Int(text.dropLast()).map { $0 * multiplier }
    }
}
