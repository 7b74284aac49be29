import ArgumentParser

/// Exit statuses from sysexits(3), as CLI.md specifies.
extension ExitCode {
    /// The input is not what the command needs (e.g. a part that does not exist).
    static let dataError = ExitCode(65)
    /// An input cannot be opened.
    static let noInput = ExitCode(66)
    /// An output cannot be created.
    static let cannotCreate = ExitCode(73)
    /// An I/O error while reading or writing.
    static let ioError = ExitCode(74)
}

/// Prints `message` to standard error and fails with `code`.
func fail(_ message: String, _ code: ExitCode) -> ExitCode {
    Output.error("mailparse: \(message)")
    return code
}
