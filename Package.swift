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
        // TLS for the HTTP server (--web.config.file); Hummingbird already depends on it.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.2"),
        .package(url: "https://github.com/apple/swift-protobuf.git", from: "1.39.0", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // SHA-256 and HMAC for the SNS integration's AWS SigV4 signatures.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        // Go-syntax regular expressions in linear time: a small C++ shim over Debian's libre2.
        .target(name: "CRE2", linkerSettings: [.linkedLibrary("re2")]),
        // Labels, fingerprints, matchers, alerts, silences, nflog entries, route and group keys.
        .target(name: "TocsinModel", dependencies: ["CRE2"]),
        // alertmanager.yml: every 0.25 key, validation, the routing tree, time intervals, offline commands.
        .target(
            name: "TocsinConfig",
            dependencies: ["TocsinModel", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")]
        ),
        // Go text/template and html/template, as Alertmanager uses them.
        .target(name: "TocsinTemplate"),
        // memberlist's wire format (msgpack, LZW, packets, streams) and the SWIM state machine.
        .target(name: "Memberlist"),
        // tocsin-gossip's library: a SwiftNIO driver for the SWIM machine, bridged to tocsin-state.
        .target(
            name: "GossipAgent",
            dependencies: [
                "Memberlist", "TocsinWire", "TocsinDaemon", "WakeSignal",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Delivery transport: libcurl's multi interface behind an async API, HTTP(S) and SMTP.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "Curl", dependencies: ["CCurl"]),
        // tocsin-state's library: silences, the nflog and the accepted alerts, durable (append-only log with
        // group commit + Alertmanager-format snapshots), merge rules, GC, and its socket service.
        .target(
            name: "StateStore",
            dependencies: [
                "TocsinModel", "TocsinWire", "TocsinDaemon",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The dispatcher's core: alert store, marker, inhibition, aggregation groups and their timers, the
        // muting stages before the fan-out. Socket-free, driven by explicit times.
        // Sleep until a deadline or a signal, for the dispatcher's and the gossip agent's timer loops.
        .target(name: "WakeSignal"),
        .target(name: "TocsinDispatch", dependencies: ["TocsinModel", "TocsinConfig", "WakeSignal"]),
        // The notifier's core: one job through wait, dedup, retry and set-notifies per integration, and
        // every integration of Alertmanager 0.25 (plus msteams) over libcurl.
        .target(
            name: "Notify",
            dependencies: [
                "TocsinModel", "TocsinConfig", "TocsinTemplate", "TocsinWire", "TocsinDaemon", "Curl",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Tocsin's default notification templates, loaded in file-name order before the config's.
            resources: [.copy("DefaultTemplates")]
        ),
        // The inter-process protocol: generated messages, framing, socket server and client.
        .target(
            name: "TocsinWire",
            dependencies: [
                "WakeSignal",
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
                "TocsinWire", "TocsinDaemon", "TocsinConfig", "TocsinDispatch", "TocsinModel", "CCrypt",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // libxcrypt's crypt_r, which checks the bcrypt hashes of --web.config.file's basic_auth_users.
        .systemLibrary(name: "CCrypt", providers: [.apt(["libcrypt-dev"])]),
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
                "TocsinConfig",
                "Notify",
                "TocsinDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tocsin-state",
            dependencies: daemonDependencies + ["StateStore", "TocsinConfig"]
        ),
        .executableTarget(
            name: "tocsin-gossip",
            dependencies: daemonDependencies + ["GossipAgent", "Memberlist", "TocsinConfig"]
        ),
        .executableTarget(
            name: "tocsin-dispatcher",
            dependencies: daemonDependencies + [
                "HTTPAPI", "TocsinConfig", "TocsinDispatch", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "tocsin-notifier",
            dependencies: daemonDependencies + ["TocsinConfig", "Notify", "Curl"]
        ),
        // Benchmarks and the fuzz harness (not tests): see each target's main file for how to run it.
        .executableTarget(name: "config-bench", dependencies: ["TocsinConfig", "TocsinModel"]),
        // `template-bench defaults` renders Tocsin's default notification templates, hence Notify.
        .executableTarget(name: "template-bench", dependencies: ["TocsinTemplate", "Notify"]),
        .executableTarget(name: "MemberlistFuzzer", dependencies: ["Memberlist"]),
        .executableTarget(name: "state-bench", dependencies: ["StateStore", "TocsinModel"]),
        // Writes Alertmanager-format storage directories for scripts/bench.
        .executableTarget(name: "bench-fixture", dependencies: ["StateStore", "TocsinModel"]),
        .executableTarget(name: "dispatch-bench", dependencies: ["TocsinDispatch", "TocsinModel", "TocsinConfig"]),
        // What the tests share for starting real processes without blocking Swift Testing's cooperative pool.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "HTTPAPITests",
            dependencies: [
                "TestSupport",
                "HTTPAPI", "TocsinWire", "TocsinDispatch", "TocsinModel", "TocsinConfig", .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "TocsinDispatchTests", dependencies: ["TestSupport", "TocsinDispatch", "TocsinModel", "TocsinConfig", "WakeSignal"]),
        // Started and SIGKILLed by StateStoreTests' crash test.
        .executableTarget(name: "state-crash-harness", dependencies: ["StateStore", "TocsinModel"]),
        .testTarget(
            name: "StateStoreTests",
            dependencies: [
                "TestSupport", "StateStore", "TocsinModel", "TocsinWire", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            exclude: ["Snapshots"]
        ),
        .testTarget(name: "TocsinModelTests", dependencies: ["TestSupport", "TocsinModel"]),
        .testTarget(
            name: "NotifyTests",
            dependencies: [
                "TestSupport",
                "Notify", "TocsinModel", "TocsinConfig", "TocsinTemplate", "TocsinWire", "Curl", "Supervisor",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "TocsinConfigTests", dependencies: ["TestSupport", "TocsinConfig", "TocsinModel"], resources: [.copy("Corpus")]),
        .testTarget(name: "TocsinTemplateTests", dependencies: ["TocsinTemplate"], resources: [.copy("Fixtures")]),
        .testTarget(name: "MemberlistTests", dependencies: ["Memberlist"], exclude: ["Captures"]),
        // Starts real Alertmanager 0.25 peers on loopback (skipped when it is not installed).
        .testTarget(name: "MemberlistInteropTests", dependencies: ["TestSupport", "Memberlist"]),
        .testTarget(
            name: "CurlTests",
            dependencies: ["TestSupport", "Curl"],
            exclude: ["Support/http_server.py", "Support/oauth_server.py", "Support/proxy.py", "Support/smtp_server.py"]
        ),
        .testTarget(
            name: "TocsinWireTests",
            dependencies: [
                "TestSupport",
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
        .testTarget(name: "SupervisorTests", dependencies: ["TestSupport", "Supervisor", "TocsinDaemon", "TocsinWire"]),
        .testTarget(name: "TocsinDaemonTests", dependencies: ["TocsinDaemon"]),
        .testTarget(
            name: "GossipAgentTests",
            dependencies: [
                "TestSupport",
                "GossipAgent", "Memberlist", "TocsinWire", "TocsinDaemon",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // Starts the real executables: the process boundary, signals, sockets, deploy files.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport",
                "Supervisor",
                "TocsinWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                // Built before the tests run; the tests start them as real processes.
                "tocsin", "tocsin-state", "tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier",
            ]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)
