import Foundation

/// The third-party corpus in `../shared/corpus` beside the repository (never copied into it).
/// Tests that need it are skipped when it is absent, unless `MAILPARSE_REQUIRE_SHARED=1`
/// (CI sets it), in which case they run and fail.
enum SharedCorpus {
    static let root: URL = {
        // Tests/MIMECoreTests/Support/SharedCorpus.swift → repository root → ../shared/corpus
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared/corpus")
    }()

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root.path) }
    static var isRequired: Bool { ProcessInfo.processInfo.environment["MAILPARSE_REQUIRE_SHARED"] == "1" }
    /// Run corpus tests when the corpus is here, or when CI requires it (then they fail loudly).
    static var shouldRun: Bool { isAvailable || isRequired }

    /// Every data file (not READMEs, licences, checksums), sorted, as paths relative to `root`.
    static let files: [String] = {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var result: [String] = []
        while let path = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDir)
            if isDir.boolValue { continue }
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix("README") || name.hasPrefix("LICENSE") || name == "SHA256SUMS"
                || name == ".gitattributes" || name.hasSuffix(".json") || name.hasSuffix("-summary.txt") { continue }
            result.append(path)
        }
        return result.sorted()
    }()

    /// Files that are messages or mailboxes (not codec payloads or address lists).
    static var messageFiles: [String] {
        files.filter { path in
            !path.hasPrefix("gmime/encodings/") && !path.hasPrefix("gmime/charsets/")
                && !path.hasPrefix("mimekit/encoders/") && !path.hasPrefix("flanker/addresses/")
                && !path.contains("/output/")
        }
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        let data = try Data(contentsOf: root.appendingPathComponent(path))
        return [UInt8](data)
    }

    /// Every lone LF turned into CR LF (existing CR LF pairs kept).
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        var previous: UInt8 = 0
        for b in bytes {
            if b == 0x0A, previous != 0x0D { out.append(0x0D) }
            out.append(b)
            previous = b
        }
        return out
    }
}
