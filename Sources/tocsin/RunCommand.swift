#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import ArgumentParser
import Foundation
import Logging
import Supervisor
import TocsinDaemon
import TocsinLogging

/// `tocsin run` (the default): starts and supervises the daemons of one node.
///
/// Accepts every flag of Alertmanager 0.25 with its name and default, so an existing command line or unit
/// file works unchanged. Flags whose behaviour is not implemented yet are accepted and listed in one
/// startup log line rather than rejected.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a Tocsin node (the default command)."
    )

    static let versionText =
        "tocsin, version \(TocsinVersion.version) (compatible with alertmanager \(TocsinVersion.alertmanagerCompatibility))"

    // MARK: Config and storage
    @Option(name: .customLong("config.file"), help: "Alertmanager configuration file name.")
    var configFile = "alertmanager.yml"
    @Option(name: .customLong("storage.path"), help: "Base path for data storage.")
    var storagePath = "data/"
    @Option(name: .customLong("data.retention"), help: "How long to keep data for. (default: 120h)")
    var dataRetention: String?
    @Option(
        name: .customLong("data.maintenance-interval"),
        help: "Interval between garbage collection and snapshotting to disk of the silences and the notification logs. (default: 15m)")
    var dataMaintenanceInterval: String?
    @Option(name: .customLong("alerts.gc-interval"), help: "Interval between alert GC. (default: 30m)")
    var alertsGCInterval: String?
    @Option(name: .customLong("silences.max-silences"), help: "Maximum number of silences, including expired silences. 0 means no limit.")
    var maxSilences: String?
    @Option(name: .customLong("silences.max-silence-size-bytes"), help: "Maximum silence size in bytes. 0 means no limit.")
    var maxSilenceSizeBytes: String?

    // MARK: Web
    @Option(name: .customLong("web.listen-address"), help: "Address to listen on for the web interface and API. Repeatable.")
    var webListenAddresses: [String] = []
    @Option(name: .customLong("web.config.file"), help: "Path to a configuration file that can enable TLS or authentication.")
    var webConfigFile: String?
    @Flag(
        name: .customLong("web.systemd-socket"), inversion: .prefixedNo,
        help: "Use systemd socket activation listeners instead of port listeners.")
    var webSystemdSocket = false
    @Option(name: .customLong("web.external-url"), help: "The URL under which Alertmanager is externally reachable.")
    var webExternalURL: String?
    @Option(
        name: .customLong("web.route-prefix"),
        help: "Prefix for the internal routes of web endpoints. Defaults to path of --web.external-url.")
    var webRoutePrefix: String?
    @Option(
        name: .customLong("web.get-concurrency"),
        help: "Maximum number of GET requests processed concurrently. 0 means GOMAXPROCS or 8, whichever is larger. (default: 0)")
    var webGetConcurrency: String?
    @Option(name: .customLong("web.timeout"), help: "Timeout for HTTP requests. 0 means no timeout. (default: 0)")
    var webTimeout: String?

    // MARK: Cluster
    @Option(name: .customLong("cluster.listen-address"), help: "Listen address for cluster. Set to empty string to disable HA mode.")
    var clusterListenAddress = "0.0.0.0:9094"
    @Option(name: .customLong("cluster.advertise-address"), help: "Explicit address to advertise in cluster.")
    var clusterAdvertiseAddress: String?
    @Option(name: .customLong("cluster.peer"), help: "Initial peers (may be repeated).")
    var clusterPeers: [String] = []
    @Option(name: .customLong("cluster.peer-timeout"), help: "Time to wait between peers to send notifications. (default: 15s)")
    var clusterPeerTimeout: String?
    @Option(name: .customLong("cluster.gossip-interval"), help: "Interval between sending gossip messages. (default: 200ms)")
    var clusterGossipInterval: String?
    @Option(name: .customLong("cluster.pushpull-interval"), help: "Interval for gossip state syncs. (default: 1m0s)")
    var clusterPushPullInterval: String?
    @Option(
        name: .customLong("cluster.tcp-timeout"),
        help: "Timeout for establishing a stream connection with a remote node for a full state sync. (default: 10s)")
    var clusterTCPTimeout: String?
    @Option(
        name: .customLong("cluster.probe-timeout"),
        help: "Timeout to wait for an ack from a probed node before assuming it is unhealthy. (default: 500ms)")
    var clusterProbeTimeout: String?
    @Option(name: .customLong("cluster.probe-interval"), help: "Interval between random node probes. (default: 1s)")
    var clusterProbeInterval: String?
    @Option(
        name: .customLong("cluster.settle-timeout"),
        help: "Maximum time to wait for cluster connections to settle before evaluating notifications. (default: 1m0s)")
    var clusterSettleTimeout: String?
    @Option(name: .customLong("cluster.reconnect-interval"), help: "Interval between attempting to reconnect to lost peers. (default: 10s)")
    var clusterReconnectInterval: String?
    @Option(
        name: .customLong("cluster.reconnect-timeout"), help: "Length of time to attempt to reconnect to a lost peer. (default: 6h0m0s)")
    var clusterReconnectTimeout: String?
    @Option(
        name: .customLong("cluster.tls-config"), help: "Path to a configuration file that can enable mutual TLS within the gossip protocol."
    )
    var clusterTLSConfig: String?
    @Flag(
        name: .customLong("cluster.allow-insecure-public-advertise-address-discovery"), inversion: .prefixedNo,
        help: "Allow alertmanager to discover and listen on a public IP address.")
    var clusterAllowInsecurePublicAdvertise = false

    // MARK: Logging
    @Option(name: .customLong("log.level"), help: "Only log messages with the given severity or above. One of: [debug, info, warn, error]")
    var logLevel: LogLevel = .info
    @Option(name: .customLong("log.format"), help: "Output format of log messages. One of: [logfmt, json]")
    var logFormat: LogFormat = .logfmt

    // MARK: Tocsin's own
    @Option(
        name: .customLong("socket.dir"),
        help: "Directory of the processes' Unix-domain sockets (created 0700). Default: <storage.path>/run.")
    var socketDirectory: String?
    @Option(
        name: .customLong("notifier.receivers"),
        help:
            "Receivers served by one notifier process, comma-separated; repeat for several notifier processes. Default: one notifier serves all receivers."
    )
    var notifierPartitions: [String] = []
    @Option(
        name: .customLong("notifier.max-connections-per-host"),
        help:
            "Connections each notifier opens at most to one receiver host at once; further requests queue for a free connection (0: no limit)."
    )
    var notifierConnectionsPerHost = NotifierDefaults.connectionsPerHost
    @Option(
        name: .customLong("daemon.dir"),
        help: "Directory holding the tocsin-* daemon executables. Default: the directory of this executable.")
    var daemonDirectory: String?

    func run() async throws {
        bootstrapLogging(format: self.logFormat, level: self.logLevel)
        var logger = Logger(label: "tocsin")
        logger[metadataKey: "component"] = "supervisor"
        logger.info("Starting Tocsin", metadata: ["version": "\(TocsinVersion.description)"])
        let unhonoured = self.flagsNotYetHonoured
        if !unhonoured.isEmpty {
            logger.warning("flags accepted but not yet honoured", metadata: ["flags": "\(unhonoured.joined(separator: ","))"])
        }

        let plan = StackPlan(
            settings: .init(
                daemonDirectory: self.daemonDirectory ?? Self.ownDirectory(),
                configFile: self.configFile,
                storagePath: self.storagePath,
                socketDirectory: self.socketDirectory,
                logLevel: self.logLevel.rawValue,
                logFormat: self.logFormat.rawValue,
                webListenAddresses: self.webListenAddresses.isEmpty ? [":9093"] : self.webListenAddresses,
                clusterListenAddress: self.clusterListenAddress,
                notifierPartitions: self.notifierPartitions,
                stateArguments: self.stateArguments,
                dispatcherArguments: self.dispatcherArguments,
                notifierArguments: [
                    "--web.external-url=\(self.externalURL)",
                    "--max-connections-per-host=\(self.notifierConnectionsPerHost)",
                ],
                clusterArguments: self.clusterArguments
            )
        )
        try plan.settings.sockets.directory.prepare()
        let code = await Supervisor(children: plan.children, logger: logger).run()
        if code != 0 {
            throw ExitCode(code)
        }
    }

    /// The state store's flags, passed on when given.
    var stateArguments: [String] {
        [
            self.dataRetention.map { "--data.retention=\($0)" },
            self.dataMaintenanceInterval.map { "--data.maintenance-interval=\($0)" },
            self.maxSilences.map { "--silences.max-silences=\($0)" },
            self.maxSilenceSizeBytes.map { "--silences.max-silence-size-bytes=\($0)" },
        ].compactMap { $0 }
    }

    /// The gossip agent's flags, passed on when given.
    var clusterArguments: [String] {
        [
            self.clusterAdvertiseAddress.map { "--cluster.advertise-address=\($0)" },
            self.clusterPeerTimeout.map { "--cluster.peer-timeout=\($0)" },
            self.clusterGossipInterval.map { "--cluster.gossip-interval=\($0)" },
            self.clusterPushPullInterval.map { "--cluster.pushpull-interval=\($0)" },
            self.clusterTCPTimeout.map { "--cluster.tcp-timeout=\($0)" },
            self.clusterProbeTimeout.map { "--cluster.probe-timeout=\($0)" },
            self.clusterProbeInterval.map { "--cluster.probe-interval=\($0)" },
            self.clusterSettleTimeout.map { "--cluster.settle-timeout=\($0)" },
            self.clusterReconnectInterval.map { "--cluster.reconnect-interval=\($0)" },
            self.clusterReconnectTimeout.map { "--cluster.reconnect-timeout=\($0)" },
        ].compactMap { $0 } + self.clusterPeers.map { "--cluster.peer=\($0)" }
    }

    /// `--web.external-url` as every process derives it.
    var externalURL: String {
        ExternalURL.resolve(self.webExternalURL, listenAddress: self.webListenAddresses.first ?? ":9093")
    }

    /// The dispatcher's flags: the route prefix (resolved here, from the external URL when not given), the GET
    /// concurrency limit and the alert GC interval.
    var dispatcherArguments: [String] {
        ["--web.route-prefix=\(RoutePrefix.resolve(routePrefix: self.webRoutePrefix, externalURL: self.externalURL))"]
            + [
                self.webConfigFile.map { "--web.config.file=\($0)" },
                self.webGetConcurrency.map { "--web.get-concurrency=\($0)" },
                self.webTimeout.map { "--web.timeout=\($0)" },
                self.alertsGCInterval.map { "--alerts.gc-interval=\($0)" },
            ].compactMap { $0 }
    }

    /// The flags given on the command line whose behaviour is not implemented yet.
    var flagsNotYetHonoured: [String] {
        let given: [(String, Bool)] = [
            ("web.systemd-socket", self.webSystemdSocket),
            ("cluster.tls-config", self.clusterTLSConfig != nil),
            ("cluster.allow-insecure-public-advertise-address-discovery", self.clusterAllowInsecurePublicAdvertise),
        ]
        return given.filter(\.1).map(\.0)
    }

    /// The directory of the running executable, where the daemons are installed next to it.
    static func ownDirectory() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }
}
