import MIMECore

// SwiftPM links its own `main`, so libFuzzer's is unused: we call its driver ourselves
// (TOOLCHAIN.md, Fuzzing). The driver parses the usual libFuzzer flags from argv.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The fuzz target chosen for this process: the first argument when it names one, else
/// `MAILPARSE_FUZZ_TARGET`. Set once, before the driver starts.
nonisolated(unsafe) var selectedTarget: FuzzTarget = .reader

var arguments = CommandLine.arguments
if arguments.count > 1, let named = FuzzTarget(rawValue: arguments[1]) {
    selectedTarget = named
    arguments.remove(at: 1)
} else if let name = getenv("MAILPARSE_FUZZ_TARGET").map({ String(cString: $0) }) {
    guard let named = FuzzTarget(rawValue: name) else {
        fatalError("unknown MAILPARSE_FUZZ_TARGET \(name); one of \(FuzzTarget.allCases.map(\.rawValue))")
    }
    selectedTarget = named
} else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
    print("usage: mailparse-fuzz (\(names)) [libFuzzer flags] [corpus dirs or files]")
    exit(64)
}

// A C argv for the driver (the strings live until exit).
var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
var argc = Int32(arguments.count)
let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        // An exact-size copy, so ASan reports any read past the input (libFuzzer's own buffer
        // is exact too, but an Array's capacity may be larger than its count).
        // In the alphabet mode the target sees the expanded tokens (Alphabet.swift).
        let given = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
        let expanded = Alphabet.isEnabled ? Alphabet.expand(given) : nil
        let count = expanded?.count ?? given.count
        let input = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 1)
        defer { input.deallocate() }
        if let expanded {
            expanded.withUnsafeBytes { if count > 0 { input.copyMemory(from: $0) } }
        } else if count > 0 {
            input.copyMemory(from: given)
        }
        selectedTarget.run(UnsafeRawBufferPointer(input))
        return 0
    }
}
exit(status)
