// swift-tools-version:6.2
//
// Tocsin: a drop-in Prometheus Alertmanager made of cooperating processes.
// Libraries hold the logic (one concept each); the five executables are flags and wiring only.
import PackageDescription

/// What every daemon executable links: the shared daemon scaffolding, the protocol, flags and lifecycle.
let daemonDependencies: [Target.Dependency] = [
    "TocsinDaemon",
    "TocsinWire",
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
    .product(name: "Logging", package: "swift-log"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
]

let package = Package(
    name: "tocsin",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tocsin", targets: ["tocsin"]),
        .executable(name: "tocsin-state", targets: ["tocsin-state"]),
        .executable(name: "tocsin-gossip", targets: ["tocsin-gossip"]),
        .executable(name: "tocsin-dispatcher", targets: ["tocsin-dispatcher"]),
        .executable(name: "tocsin-notifier", targets: ["tocsin-notifier"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The inter-process protocol: generated messages, framing, socket server and client.
        .target(
            name: "TocsinWire",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Alertmanager-style log lines (logfmt and JSON) for every process.
        .target(
            name: "TocsinLogging",
            dependencies: [.product(name: "Logging", package: "swift-log")]
        ),
        // What every daemon shares: common flags, socket layout, readiness, the run loop.
        .target(
            name: "TocsinDaemon",
            dependencies: [
                "TocsinWire",
                "TocsinLogging",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // The dispatcher's HTTP side: health, readiness (later API v2, reload, metrics).
        .target(
            name: "HTTPAPI",
            dependencies: [
                "TocsinWire",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(
            name: "Supervisor",
            dependencies: [
                "TocsinWire",
                "TocsinDaemon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "tocsin",
            dependencies: [
                "Supervisor",
                "TocsinDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tocsin-state",
            dependencies: daemonDependencies
        ),
        .executableTarget(
            name: "tocsin-gossip",
            dependencies: daemonDependencies
        ),
        .executableTarget(
            name: "tocsin-dispatcher",
            dependencies: daemonDependencies + ["HTTPAPI", .product(name: "Hummingbird", package: "hummingbird")]
        ),
        .executableTarget(
            name: "tocsin-notifier",
            dependencies: daemonDependencies
        ),
        .testTarget(
            name: "TocsinWireTests",
            dependencies: [
                "TocsinWire",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TocsinLoggingTests",
            dependencies: ["TocsinLogging", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "SupervisorTests", dependencies: ["Supervisor", "TocsinDaemon", "TocsinWire"]),
        // Starts the real executables: the process boundary, signals, sockets, deploy files.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "Supervisor",
                // Built before the tests run; the tests start them as real processes.
                "tocsin", "tocsin-state", "tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
