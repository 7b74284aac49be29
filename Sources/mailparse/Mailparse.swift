import MIMECharsets
import MIMECore
import MIMESIMD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `mailparse` command: a thin shell over the library. Its output and exit codes are the
/// contract in CLI.md.
///
/// Start-up is part of the contract too: pipelines run one process per message, so the
/// executable avoids Foundation and reflection-driven argument parsing (`CommandLineParser`).
@main
enum Mailparse {
    static let abstract = "Parse, inspect and convert Internet mail (RFC 5322 / MIME, mbox, Maildir)."

    static let commands: [CommandSpec] = [
        DumpCommand.spec, HeadersCommand.spec, TextCommand.spec, ExtractCommand.spec,
        ListCommand.spec, StatsCommand.spec, ConvertCommand.spec,
    ]

    static func main() {
        let status = run(CommandLine.arguments.dropFirst())
        Output.flush()
        exit(status)
    }

    /// Runs one command line (without the program name) and returns the exit status.
    static func run(_ arguments: ArraySlice<String>) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            if arguments.isEmpty {
                Output.error(usage)
                return ExitCodeValue.usage.rawValue
            }
            Output.write(usage + "\n")
            return 0
        }
        guard let spec = commands.first(where: { $0.name == name }) else {
            Output.error("mailparse: " + UsageError("unknown command '\(name)'", command: nil).message)
            return ExitCodeValue.usage.rawValue
        }
        // Every charset ICU knows, wherever MIMECore decodes text.
        if CharsetTranscoders.shared == nil { CharsetTranscoders.shared = ICUTranscoder() }
        // Vector codec kernels where the CPU has them.
        SIMDKernels.install()
        do {
            let parsed = try spec.parse(arguments.dropFirst())
            if parsed.wantsHelp {
                Output.write(spec.help)
                return 0
            }
            try dispatch(spec.name, parsed)
            return 0
        } catch let error as UsageError {
            Output.error("mailparse \(error.message)")
            return ExitCodeValue.usage.rawValue
        } catch let error as CLIError {
            Output.error("mailparse: \(error.message)")
            return error.code.rawValue
        } catch {
            Output.error("mailparse: \(error)")
            return ExitCodeValue.ioError.rawValue
        }
    }

    private static func dispatch(_ name: String, _ parsed: ParsedArguments) throws {
        switch name {
        case DumpCommand.spec.name: try DumpCommand(parsed).run()
        case HeadersCommand.spec.name: try HeadersCommand(parsed).run()
        case TextCommand.spec.name: try TextCommand(parsed).run()
        case ExtractCommand.spec.name: try ExtractCommand(parsed).run()
        case ListCommand.spec.name: try ListCommand(parsed).run()
        case StatsCommand.spec.name: try StatsCommand(parsed).run()
        default: try ConvertCommand(parsed).run()
        }
    }

    static var usage: String {
        var text = "\(abstract)\n\nUsage: mailparse COMMAND [OPTIONS] [FILE…]\n\nCommands:\n"
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: max(1, 10 - command.name.utf8.count))
                + command.abstract + "\n"
        }
        return text + "\nSee 'mailparse COMMAND --help' for a command's options."
    }
}
