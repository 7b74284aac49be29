// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "mailparse",
    platforms: [.macOS("15.0")],
    products: [
        .library(name: "MIMECore", targets: ["MIMECore"]),
        .library(name: "MIMECharsets", targets: ["MIMECharsets"]),
        .library(name: "MIMEMailbox", targets: ["MIMEMailbox"]),
        .library(name: "MIMESIMD", targets: ["MIMESIMD"]),
        .executable(name: "mailparse", targets: ["mailparse"]),
    ],
    targets: [
        // Pure Swift: no Foundation, no ICU, no I/O, no platform imports.
        .target(name: "MIMECore"),
        // The only place ICU headers are seen; its public header exposes no ICU types.
        .target(name: "CMailICU", linkerSettings: [.linkedLibrary("icuuc")]),
        .target(name: "MIMECharsets", dependencies: ["MIMECore", "CMailICU"]),
        // Vector kernels for MIMECore's codecs, picked for the CPU at run time (no CPU flags).
        .target(name: "CMailSIMD"),
        .target(name: "MIMESIMD", dependencies: ["MIMECore", "CMailSIMD"]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // The only module that touches files.
        .target(name: "MIMEMailbox", dependencies: ["MIMECore", "CZlib"]),
        .executableTarget(
            name: "mailparse",
            dependencies: [
                "MIMECore", "MIMECharsets", "MIMEMailbox", "MIMESIMD",
            ]
        ),
        .testTarget(name: "MIMECoreTests", dependencies: ["MIMECore"]),
        .testTarget(name: "MIMECharsetsTests", dependencies: ["MIMECharsets", "MIMECore"]),
        .testTarget(name: "MIMESIMDTests", dependencies: ["MIMESIMD", "MIMECore"]),
        .testTarget(name: "MIMEMailboxTests", dependencies: ["MIMEMailbox", "MIMECore"]),
        .testTarget(name: "CLITests", dependencies: ["mailparse"], exclude: ["Goldens"]),
    ]
)
