/// The command-line grammar every subcommand shares, without Foundation or reflection (a
/// process per message must start in about a millisecond; see `../shared/TOOLCHAIN.md`).
///
/// Accepted forms, as POSIX utility conventions and GNU long options have them:
/// - `--name` (a flag), `--name VALUE` and `--name=VALUE` (an option);
/// - `-x VALUE` and `-xVALUE` for one-letter options;
/// - `-` alone is an operand (standard input); `--` ends the options, everything after it is
///   an operand;
/// - options and operands may be interleaved; a repeated option keeps its last value.
///
/// Anything else (an unknown option, a value missing, a flag given a value, too many or too
/// few operands) is a `UsageError`: exit status 64 (CLI.md).
struct OptionSpec {
    /// The name without dashes: one letter for `-x`, longer for `--name`.
    let name: String
    /// What the value is called in help (`N`, `DIR`), or nil for a flag.
    let valueName: String?
    let help: String

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help)
    }

    var spelling: String { name.utf8.count == 1 ? "-" + name : "--" + name }
}

/// A subcommand's name, description and grammar.
struct CommandSpec {
    let name: String
    let abstract: String
    /// The synopsis after `mailparse NAME`, e.g. `[--json] [--message N] FILE…`.
    let usage: String
    let options: [OptionSpec]
    /// How many operands the command takes.
    let operands: ClosedRange<Int>

    var synopsis: String { "mailparse \(name) \(usage)" }

    /// The `--help` text.
    var help: String {
        var text = "\(abstract)\n\nUsage: \(synopsis)\n"
        if !options.isEmpty { text += "\nOptions:\n" }
        for option in options {
            var left = "  " + option.spelling
            if let valueName = option.valueName { left += " " + valueName }
            let pad = max(2, 26 - left.utf8.count)
            text += left + String(repeating: " ", count: pad) + option.help + "\n"
        }
        return text + "  -h, --help              Show this help.\n"
    }

    /// Parses `arguments` (those after the subcommand's name).
    func parse(_ arguments: ArraySlice<String>) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = arguments.startIndex
        var optionsEnded = false
        while index < arguments.endIndex {
            let argument = arguments[index]
            index += 1
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                parsed.operands.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            if argument == "--help" || argument == "-h" {
                parsed.wantsHelp = true
                continue
            }
            // Split `--name=value` and `-xvalue`.
            let body = argument.hasPrefix("--") ? argument.dropFirst(2) : argument.dropFirst()
            let name: String
            var attached: String?
            if argument.hasPrefix("--") {
                if let equals = body.firstIndex(of: "=") {
                    name = String(body[..<equals])
                    attached = String(body[body.index(after: equals)...])
                } else {
                    name = String(body)
                }
            } else {
                name = String(body.prefix(1))
                if body.count > 1 { attached = String(body.dropFirst()) }
            }
            guard let option = options.first(where: { $0.name == name && $0.spelling.hasPrefix(argument.hasPrefix("--") ? "--" : "-") })
            else { throw UsageError("unknown option '\(argument)'", command: self) }
            guard option.valueName != nil else {
                if attached != nil { throw UsageError("\(option.spelling) takes no value", command: self) }
                parsed.flags.insert(name)
                continue
            }
            if let attached {
                parsed.values[name] = attached
            } else if index < arguments.endIndex {
                parsed.values[name] = arguments[index]
                index += 1
            } else {
                throw UsageError("\(option.spelling) needs a value (\(option.valueName!))", command: self)
            }
        }
        if !parsed.wantsHelp, !operands.contains(parsed.operands.count) {
            let problem = parsed.operands.count < operands.lowerBound ? "missing operand" : "too many operands"
            throw UsageError(problem, command: self)
        }
        return parsed
    }
}

/// The options and operands of one invocation.
struct ParsedArguments {
    var flags: Set<String> = []
    var values: [String: String] = [:]
    var operands: [String] = []
    var wantsHelp = false

    func flag(_ name: String) -> Bool { flags.contains(name) }

    func value(_ name: String) -> String? { values[name] }

    /// A whole-number option (`--message N`), nil when absent.
    func integer(_ name: String, of command: CommandSpec) throws(UsageError) -> Int? {
        guard let text = values[name] else { return nil }
        guard let number = Int(text) else {
            throw UsageError("\(name.utf8.count == 1 ? "-" : "--")\(name) takes a number, not '\(text)'", command: command)
        }
        return number
    }
}

/// A command line that does not fit the grammar: reported with the synopsis, exit status 64.
struct UsageError: Error {
    let message: String

    init(_ problem: String, command: CommandSpec?) {
        if let command {
            message = "\(command.name): \(problem)\nUsage: \(command.synopsis)\nSee 'mailparse \(command.name) --help'."
        } else {
            message = problem + "\nSee 'mailparse --help'."
        }
    }
}
