import TocsinDaemon

/// Which daemons one node runs, in start order, and the command line each gets, derived from the
/// Alertmanager-style flags given to `tocsin`.
///
/// Order: state, then gossip (only when clustering: a non-empty `--cluster.listen-address`), then the
/// dispatcher, then the notifiers (one per `--notifier.receivers` entry, or one for all receivers).
/// Stopping goes in reverse. The same arguments appear in `deploy/` for systemd and supervisord.
public struct StackPlan: Sendable, Equatable {
    /// The settings the daemons' command lines are made from.
    public struct Settings: Sendable, Equatable {
        public var daemonDirectory: String
        public var configFile: String
        public var storagePath: String
        public var socketDirectory: String?
        public var logLevel: String
        public var logFormat: String
        public var webListenAddresses: [String]
        public var clusterListenAddress: String
        /// Comma-separated receiver lists, one per notifier process; empty means one notifier for all.
        public var notifierPartitions: [String]
        /// Extra arguments for the state store (`--data.retention`, silence limits, ...).
        public var stateArguments: [String]
        /// Extra arguments for the dispatcher (`--web.route-prefix`, `--web.get-concurrency`, ...).
        public var dispatcherArguments: [String]
        /// Extra arguments for every notifier (`--web.external-url`, ...).
        public var notifierArguments: [String]
        /// Extra arguments for the gossip agent (`--cluster.peer`, timings, ...).
        public var clusterArguments: [String]

        public init(
            daemonDirectory: String,
            configFile: String = "alertmanager.yml",
            storagePath: String = "data/",
            socketDirectory: String? = nil,
            logLevel: String = "info",
            logFormat: String = "logfmt",
            webListenAddresses: [String] = [":9093"],
            clusterListenAddress: String = "0.0.0.0:9094",
            notifierPartitions: [String] = [],
            stateArguments: [String] = [],
            dispatcherArguments: [String] = [],
            notifierArguments: [String] = [],
            clusterArguments: [String] = []
        ) {
            self.daemonDirectory = daemonDirectory
            self.configFile = configFile
            self.storagePath = storagePath
            self.socketDirectory = socketDirectory
            self.logLevel = logLevel
            self.logFormat = logFormat
            self.webListenAddresses = webListenAddresses
            self.clusterListenAddress = clusterListenAddress
            self.notifierPartitions = notifierPartitions
            self.stateArguments = stateArguments
            self.dispatcherArguments = dispatcherArguments
            self.notifierArguments = notifierArguments
            self.clusterArguments = clusterArguments
        }

        /// The socket layout every daemon will derive from the same flags.
        public var sockets: SocketLayout {
            SocketLayout(directory: self.socketDirectory ?? SocketLayout.defaultDirectory(storagePath: self.storagePath))
        }
    }

    public let settings: Settings
    public let children: [ChildSpec]

    public init(settings: Settings) {
        self.settings = settings
        let sockets = settings.sockets
        var common = [
            "--storage.path=\(settings.storagePath)",
            "--socket.dir=\(sockets.directory.path)",
            "--log.level=\(settings.logLevel)",
            "--log.format=\(settings.logFormat)",
        ]
        common.reserveCapacity(8)
        func executable(_ name: String) -> String {
            settings.daemonDirectory.hasSuffix("/") ? settings.daemonDirectory + name : "\(settings.daemonDirectory)/\(name)"
        }
        let cluster = "--cluster.listen-address=\(settings.clusterListenAddress)"
        let config = "--config.file=\(settings.configFile)"

        var children = [
            ChildSpec(
                name: "state",
                executablePath: executable("tocsin-state"),
                arguments: common + settings.stateArguments,
                socketPath: sockets.state,
                reloadsOnHangup: false
            )
        ]
        if !settings.clusterListenAddress.isEmpty {
            children.append(
                ChildSpec(
                    name: "gossip",
                    executablePath: executable("tocsin-gossip"),
                    arguments: common + [cluster] + settings.clusterArguments,
                    socketPath: sockets.gossip,
                    reloadsOnHangup: false
                )
            )
        }
        children.append(
            ChildSpec(
                name: "dispatcher",
                executablePath: executable("tocsin-dispatcher"),
                arguments: common + [config] + settings.webListenAddresses.map { "--web.listen-address=\($0)" } + [cluster]
                    + settings.notifierPartitions.map { "--notifier.receivers=\($0)" } + settings.dispatcherArguments,
                socketPath: sockets.dispatcher,
                reloadsOnHangup: true
            )
        )
        let partitions = settings.notifierPartitions.isEmpty ? [""] : settings.notifierPartitions
        for (index, receivers) in partitions.enumerated() {
            let instance = SocketLayout.notifierInstance(index)
            children.append(
                ChildSpec(
                    name: instance,
                    executablePath: executable("tocsin-notifier"),
                    arguments: common + [config, "--instance=\(instance)", "--receivers=\(receivers)", cluster]
                        + settings.notifierArguments,
                    socketPath: sockets.notifier(instance),
                    reloadsOnHangup: true
                )
            )
        }
        self.children = children
    }
}
