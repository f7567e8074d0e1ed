import ArgumentParser
import TocsinDaemon
import TocsinWire

/// tocsin-gossip: cluster membership and replication with Alertmanager peers, bridged to the state store.
@main
struct GossipCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin-gossip",
        abstract: "Tocsin's cluster agent: membership and replication of silences and the notification log.",
        version: TocsinVersion.description
    )

    /// Reads `--flag=` as an empty value, as Alertmanager's kingpin flags do.
    static func main() async {
        await Self.mainWithKingpinArguments()
    }

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        let logger = try Daemon.bootstrap("gossip", options: self.daemon)
        logger.warning("cluster membership is not implemented yet: this node does not join peers")
        let readiness = ReadinessState(waitingFor: ["socket", "state"])
        let state = Daemon.makeClient(to: self.daemon.sockets.state, as: .gossip, logger: logger)
        let server = Daemon.makeServer(
            role: .gossip,
            socketPath: self.daemon.sockets.gossip,
            readiness: readiness,
            logger: logger
        )
        let monitor = DependencyMonitor(dependencies: [.init(name: "state", client: state)], readiness: readiness)
        try await Daemon.run("tocsin-gossip", services: [state, monitor, server], logger: logger)
    }
}
