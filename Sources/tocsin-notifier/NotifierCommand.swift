import ArgumentParser
import Curl
import Foundation
import Notify
import TocsinConfig
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

    @Option(name: .customLong("config.file"), help: "Alertmanager configuration file name.")
    var configFile = "alertmanager.yml"

    @Option(name: .customLong("instance"), help: "This notifier's name; its socket is <socket.dir>/<instance>.sock.")
    var instance = SocketLayout.notifierInstance(0)

    @Option(name: .customLong("receivers"), help: "Comma-separated receivers this notifier serves; empty serves all.")
    var receivers = ""

    @Option(
        name: .customLong("cluster.listen-address"),
        help: "The cluster address of this node; empty when clustering is off, so no gossip agent is expected."
    )
    var clusterListenAddress = "0.0.0.0:9094"

    @Option(
        name: .customLong("web.external-url"),
        help: "The URL under which Alertmanager is externally reachable (the payloads' externalURL); default http://<hostname>:9093.")
    var webExternalURL = ""

    @Option(
        name: .customLong("max-connections-per-host"),
        help:
            "Connections opened at most to one receiver host at once; further requests queue for a free connection (0: no limit)."
    )
    var connectionsPerHost = NotifierDefaults.connectionsPerHost

    func run() async throws {
        var logger = try Daemon.bootstrap("notifier", options: self.daemon)
        logger[metadataKey: "instance"] = "\(self.instance)"
        let configuration = ConfigCoordinator(path: self.configFile, logger: logger)
        let served = self.receivers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        do {
            let config = try configuration.reload()
            let unknown = served.filter { config.receiver(named: $0) == nil }
            guard unknown.isEmpty else {
                logger.error(
                    "--receivers names receivers the configuration does not define",
                    metadata: ["receivers": "\(unknown.joined(separator: ","))"])
                throw ExitCode.failure
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            throw ExitCode.failure
        }
        let stateClient = Daemon.makeClient(to: self.daemon.sockets.state, as: .notifier, instance: self.instance, logger: logger)
        var dependencies = [DependencyMonitor.Dependency(name: "state", client: stateClient)]
        let gossip =
            self.clusterListenAddress.isEmpty
            ? nil : Daemon.makeClient(to: self.daemon.sockets.gossip, as: .notifier, instance: self.instance, logger: logger)
        if let gossip {
            dependencies.append(.init(name: "gossip", client: gossip))
        }
        let notifier = Notifier(
            configuration: { configuration.current },
            log: StateNotificationLog(client: stateClient),
            client: CurlClient(
                configuration: .init(maximumConnectionsPerHost: self.connectionsPerHost > 0 ? self.connectionsPerHost : nil)),
            externalURL: ExternalURL.resolve(self.webExternalURL, listenAddress: ":9093"),
            logger: logger
        )
        let readiness = ReadinessState(waitingFor: ["socket"] + dependencies.map(\.name))
        let server = Daemon.makeServer(
            role: .notifier,
            instance: self.instance,
            socketPath: self.daemon.sockets.notifier(self.instance),
            readiness: readiness,
            handlers: [
                DeliveryHandler(
                    notifier: notifier, served: Set(served), peerWait: gossip.map { ClusterPeerWait(gossip: $0) }, logger: logger),
                MetricsHandler {
                    var out = PrometheusExposition()
                    notifier.metrics.render(into: &out)
                    return out.text
                },
            ],
            logger: logger
        )
        let monitor = DependencyMonitor(dependencies: dependencies, readiness: readiness)
        let reload = ReloadOnHangup { [logger] in
            guard let config = try? configuration.reload() else { return }
            let missing = served.filter { config.receiver(named: $0) == nil }
            if !missing.isEmpty {
                logger.warning(
                    "the reloaded configuration no longer defines receivers this notifier serves",
                    metadata: ["receivers": "\(missing.joined(separator: ","))"])
            }
        }
        try await Daemon.run("tocsin-notifier", services: dependencies.map(\.client) + [monitor, server, reload], logger: logger)
    }
}
