import ArgumentParser
import TocsinDaemon
import TocsinWire

/// tocsin-notifier: delivers the notification jobs of the receivers it serves.
@main
struct NotifierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin-notifier",
        abstract: "Tocsin's notifier: dedup, templates, delivery and retry for some or all receivers.",
        version: TocsinVersion.description
    )

    /// Reads `--flag=` as an empty value, as Alertmanager's kingpin flags do.
    static func main() async {
        await Self.mainWithKingpinArguments()
    }

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .customLong("instance"), help: "This notifier's name; its socket is <socket.dir>/<instance>.sock.")
    var instance = SocketLayout.notifierInstance(0)

    @Option(name: .customLong("receivers"), help: "Comma-separated receivers this notifier serves; empty serves all.")
    var receivers = ""

    @Option(
        name: .customLong("cluster.listen-address"),
        help: "The cluster address of this node; empty when clustering is off, so no gossip agent is expected."
    )
    var clusterListenAddress = "0.0.0.0:9094"

    func run() async throws {
        var logger = try Daemon.bootstrap("notifier", options: self.daemon)
        logger[metadataKey: "instance"] = "\(self.instance)"
        var dependencies = [
            DependencyMonitor.Dependency(
                name: "state",
                client: Daemon.makeClient(to: self.daemon.sockets.state, as: .notifier, instance: self.instance, logger: logger)
            )
        ]
        if !self.clusterListenAddress.isEmpty {
            dependencies.append(
                .init(
                    name: "gossip",
                    client: Daemon.makeClient(to: self.daemon.sockets.gossip, as: .notifier, instance: self.instance, logger: logger)
                )
            )
        }
        let readiness = ReadinessState(waitingFor: ["socket"] + dependencies.map(\.name))
        let server = Daemon.makeServer(
            role: .notifier,
            instance: self.instance,
            socketPath: self.daemon.sockets.notifier(self.instance),
            readiness: readiness,
            logger: logger
        )
        let monitor = DependencyMonitor(dependencies: dependencies, readiness: readiness)
        let reload = ReloadOnHangup { [logger] in
            logger.warning("configuration reload requested, but this notifier does not load a configuration yet")
        }
        try await Daemon.run("tocsin-notifier", services: dependencies.map(\.client) + [monitor, server, reload], logger: logger)
    }
}
