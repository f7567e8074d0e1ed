import ArgumentParser
import ServiceLifecycle
import GossipAgent
import Memberlist
import TocsinConfig
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

    @Option(name: .customLong("cluster.listen-address"), help: "Listen address for cluster. Set to empty string to disable HA mode.")
    var listenAddress = "0.0.0.0:9094"
    @Option(name: .customLong("cluster.advertise-address"), help: "Explicit address to advertise in cluster.")
    var advertiseAddress: String?
    @Option(name: .customLong("cluster.peer"), help: "Initial peers (may be repeated).")
    var peers: [String] = []
    @Option(name: .customLong("cluster.peer-timeout"), help: "Time to wait between peers to send notifications.")
    var peerTimeout = "15s"
    @Option(name: .customLong("cluster.gossip-interval"), help: "Interval between sending gossip messages. By lowering this value (more frequent) gossip messages are propagated across the cluster more quickly at the expense of increased bandwidth.")
    var gossipInterval = "200ms"
    @Option(name: .customLong("cluster.pushpull-interval"), help: "Interval for gossip state syncs. Setting this interval lower (more frequent) will increase convergence speeds across larger clusters at the expense of increased bandwidth usage.")
    var pushPullInterval = "1m0s"
    @Option(name: .customLong("cluster.tcp-timeout"), help: "Timeout for establishing a stream connection with a remote node for a full state sync, and for stream read and write operations.")
    var tcpTimeout = "10s"
    @Option(name: .customLong("cluster.probe-timeout"), help: "Timeout to wait for an ack from a probed node before assuming it is unhealthy. This should be set to 99-percentile of RTT (round-trip time) on your network.")
    var probeTimeout = "500ms"
    @Option(name: .customLong("cluster.probe-interval"), help: "Interval between random node probes. Setting this lower (more frequent) will cause the cluster to detect failed nodes more quickly at the expense of increased bandwidth usage.")
    var probeInterval = "1s"
    @Option(name: .customLong("cluster.settle-timeout"), help: "Maximum time to wait for cluster connections to settle before evaluating notifications.")
    var settleTimeout = "1m0s"
    @Option(name: .customLong("cluster.reconnect-interval"), help: "Interval between attempting to reconnect to lost peers.")
    var reconnectInterval = "10s"
    @Option(name: .customLong("cluster.reconnect-timeout"), help: "Length of time to attempt to reconnect to a lost peer.")
    var reconnectTimeout = "6h0m0s"

    /// The flags as the agent's configuration, nil when clustering is off (an empty listen address); a
    /// malformed value is a usage error, as kingpin makes it.
    func gossipConfiguration() throws -> GossipConfiguration? {
        guard !self.listenAddress.isEmpty else { return nil }
        do {
            var swim = SWIMConfiguration()
            swim.gossipInterval = try GoDuration(parsing: self.gossipInterval).duration
            swim.pushPullInterval = try GoDuration(parsing: self.pushPullInterval).duration
            swim.probeTimeout = try GoDuration(parsing: self.probeTimeout).duration
            swim.probeInterval = try GoDuration(parsing: self.probeInterval).duration
            return GossipConfiguration(
                listenAddress: try ClusterAddress(parsing: self.listenAddress),
                advertiseAddress: try self.advertiseAddress.flatMap { $0.isEmpty ? nil : try ClusterAddress(parsing: $0) },
                peers: try self.peers.filter { !$0.isEmpty }.map { try ClusterAddress(parsing: $0) },
                tcpTimeout: try GoDuration(parsing: self.tcpTimeout).duration,
                reconnectInterval: try GoDuration(parsing: self.reconnectInterval).duration,
                reconnectTimeout: try GoDuration(parsing: self.reconnectTimeout).duration,
                peerTimeout: try GoDuration(parsing: self.peerTimeout).duration,
                settleTimeout: try GoDuration(parsing: self.settleTimeout).duration,
                swim: swim
            )
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() async throws {
        let configuration = try self.gossipConfiguration()
        let logger = try Daemon.bootstrap("gossip", options: self.daemon)
        let readiness = ReadinessState(waitingFor: ["socket", "state"])
        let state = Daemon.makeClient(to: self.daemon.sockets.state, as: .gossip, logger: logger)
        let metrics = GossipMetrics()
        var services: [any Service] = [state]
        var handlers: [any WireRequestHandler] = [
            MetricsHandler {
                var out = PrometheusExposition()
                metrics.render(into: &out)
                return out.text
            }
        ]
        if let configuration {
            let agent = try GossipAgent(
                configuration: configuration, bridge: StateStoreBridge(client: state), metrics: metrics, logger: logger
            )
            services.append(agent)
            handlers.append(ClusterStatusHandler(agent: agent))
        } else {
            logger.info("clustering is off (empty --cluster.listen-address): this node joins no peers")
        }
        let server = Daemon.makeServer(
            role: .gossip,
            socketPath: self.daemon.sockets.gossip,
            readiness: readiness,
            handlers: handlers,
            logger: logger
        )
        let monitor = DependencyMonitor(dependencies: [.init(name: "state", client: state)], readiness: readiness)
        try await Daemon.run("tocsin-gossip", services: services + [monitor, server], logger: logger)
    }
}
