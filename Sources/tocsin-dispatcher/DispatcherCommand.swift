import ArgumentParser
import Foundation
import HTTPAPI
import Hummingbird
import HummingbirdCore
import ServiceLifecycle
import TocsinConfig
import TocsinDaemon
import TocsinDispatch
import TocsinWire

/// tocsin-dispatcher: the HTTP API and the alert pipeline up to the hand-off to notifiers.
@main
struct DispatcherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin-dispatcher",
        abstract: "Tocsin's dispatcher: HTTP API v2, routing, grouping, inhibition and silencing.",
        version: TocsinVersion.description
    )

    /// Reads `--flag=` as an empty value, as Alertmanager's kingpin flags do.
    static func main() async {
        await Self.mainWithKingpinArguments()
    }

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .customLong("config.file"), help: "Alertmanager configuration file name.")
    var configFile = "alertmanager.yml"

    @Option(
        name: .customLong("web.listen-address"),
        help: "Address to listen on for the web interface and API. Repeatable."
    )
    var listenAddresses: [String] = [":9093"]

    @Option(
        name: .customLong("cluster.listen-address"),
        help: "The cluster address of this node; empty when clustering is off, so no gossip agent is expected."
    )
    var clusterListenAddress = "0.0.0.0:9094"

    @Option(
        name: .customLong("web.route-prefix"),
        help: "Prefix of every HTTP route, as `tocsin` resolves it from --web.route-prefix or --web.external-url (empty: /)."
    )
    var routePrefix = ""

    @Option(
        name: .customLong("web.config.file"),
        help: "Path to a configuration file that can enable TLS or authentication (exporter-toolkit's format)."
    )
    var webConfigFile = ""

    @Option(
        name: .customLong("web.get-concurrency"),
        help: "Maximum number of GET requests processed concurrently. 0 means GOMAXPROCS or 8, whichever is larger."
    )
    var getConcurrency = 0

    @Option(name: .customLong("web.timeout"), help: "Timeout for API requests. 0 means no timeout.")
    var webTimeout = "0s"

    @Option(name: .customLong("alerts.gc-interval"), help: "Interval between alert GC.")
    var alertsGCInterval = "30m"

    @Option(
        name: .customLong("notifier.receivers"),
        help: "Receivers served by one notifier process, comma-separated; repeat for each notifier. None: one notifier serves all."
    )
    var notifierPartitions: [String] = []

    func run() async throws {
        let logger = try Daemon.bootstrap("dispatcher", options: self.daemon)
        let configuration = ConfigCoordinator(path: self.configFile, logger: logger)
        let initialConfig: AlertmanagerConfig
        do {
            initialConfig = try configuration.reload()
        } catch {
            throw ExitCode.failure
        }
        let addresses = try self.listenAddresses.map { try ListenAddress(parsing: $0) }
        var options = DispatcherOptions()
        do {
            let interval = try GoDuration(parsing: self.alertsGCInterval)
            guard interval.nanoseconds > 0 else { throw ConfigError("must be positive") }
            options.garbageCollectionInterval = Double(interval.nanoseconds) / 1e9
        } catch {
            logger.error("invalid --alerts.gc-interval", metadata: ["value": "\(self.alertsGCInterval)", "err": "\(error)"])
            throw ExitCode.failure
        }
        let prefix = RoutePrefix.resolve(routePrefix: self.routePrefix, externalURL: "")
        let apiTimeout: GoDuration
        do {
            apiTimeout = try GoDuration(parsing: self.webTimeout)
        } catch {
            logger.error("invalid --web.timeout", metadata: ["value": "\(self.webTimeout)", "err": "\(error)"])
            throw ExitCode.failure
        }
        var serverBuilder = HTTPServerBuilder.http1()
        if !self.webConfigFile.isEmpty {
            do {
                serverBuilder = try WebServerTLS.serverBuilder(for: try WebConfig.load(file: self.webConfigFile))
            } catch {
                logger.error("Listen error", metadata: ["err": "\(error)"])
                throw ExitCode.failure
            }
        }
        let sockets = self.daemon.sockets

        // The dispatcher itself is ready once it can reach the state store (and the gossip agent when
        // clustering); the stack, as /-/ready reports it, also needs every notifier.
        var upstream = [
            DependencyMonitor.Dependency(name: "state", client: Daemon.makeClient(to: sockets.state, as: .dispatcher, logger: logger))
        ]
        let gossip = self.clusterListenAddress.isEmpty ? nil : Daemon.makeClient(to: sockets.gossip, as: .dispatcher, logger: logger)
        if let gossip {
            upstream.append(.init(name: "gossip", client: gossip))
        }
        // Flushing waits for the cluster to settle; /api/v2/status reports it.
        let cluster = gossip.map { ClusterMonitor(gossip: $0, logger: logger) }
        let notifiers = (0..<max(1, self.notifierPartitions.count)).map { index in
            let instance = SocketLayout.notifierInstance(index)
            return DependencyMonitor.Dependency(
                name: instance,
                client: Daemon.makeClient(to: sockets.notifier(instance), as: .dispatcher, logger: logger)
            )
        }
        let readiness = ReadinessState(waitingFor: ["socket", "http", "alerts"] + upstream.map(\.name))
        let stackReadiness = ReadinessState(waitingFor: notifiers.map(\.name))

        let stateAlerts = StateAlerts(state: upstream[0].client)
        let runtime = DispatcherRuntime(
            dispatcher: Dispatcher(config: initialConfig, options: options, at: Date()),
            sender: NotifierJobSender(
                notifiers: notifiers.map(\.client),
                partitions: self.notifierPartitions.map { $0.split(separator: ",").map(String.init) }
            ),
            cluster: cluster
        )
        configuration.subscribe { config in
            Task { await runtime.reload(config) }
        }

        let router = Router()
        if !self.webConfigFile.isEmpty {
            router.add(middleware: WebConfigMiddleware(path: self.webConfigFile, logger: logger))
        }
        let httpMetrics = HTTPMetrics()
        let apiMetrics = APIMetrics()
        router.add(middleware: APIRequestPolicy(prefix: prefix, getConcurrency: self.getConcurrency, metrics: httpMetrics))
        if !prefix.isEmpty {
            RootRedirect(to: prefix).register(on: router)
        }
        AlertsEndpoint(runtime: runtime, metrics: apiMetrics, persist: stateAlerts.persist).register(on: router, prefix: prefix)
        SilencesEndpoint(state: upstream[0].client, runtime: runtime).register(on: router, prefix: prefix)
        StatusEndpoint(cluster: cluster) { await runtime.config }.register(on: router, prefix: prefix)
        HealthEndpoints(readiness: {
            WireReadiness(waitingFor: readiness.current.waitingFor + stackReadiness.current.waitingFor)
        }).register(on: router, prefix: prefix)
        let metrics = DispatcherMetrics(configuration: configuration, clusterEnabled: !self.clusterListenAddress.isEmpty)
        let peers = (upstream + notifiers).map(\.client)
        MetricsEndpoint {
            var out = PrometheusExposition()
            metrics.render(into: &out, statistics: await runtime.statistics())
            apiMetrics.render(into: &out)
            httpMetrics.render(into: &out)
            var text = out.text
            for peer in peers {
                guard case .metrics(let gathered)? = try? await peer.request(.metrics(WireMetricsQuery()), timeout: .seconds(2)) else {
                    continue
                }
                text += gathered.text
            }
            return text
        }.register(on: router, prefix: prefix)
        ReloadEndpoint {
            do {
                try configuration.reload()
                return nil
            } catch {
                return "\(error)"
            }
        }.register(on: router, prefix: prefix)
        let listening = ListeningCounter(expected: addresses.count) { readiness.set("http", satisfied: true) }
        let routed = router.buildResponder()
        let responder =
            apiTimeout.nanoseconds > 0
            ? CallbackResponder(
                callback: APITimeoutResponder(routed, prefix: prefix, timeout: apiTimeout.duration, timeoutText: apiTimeout.description)
                    .respond)
            : CallbackResponder(callback: routed.respond)
        let applications = addresses.map { address in
            Application(
                responder: responder,
                server: serverBuilder,
                configuration: .init(address: .hostname(address.host, port: address.port), serverName: nil),
                onServerRunning: { _ in listening.arrived() },
                logger: logger
            )
        }

        let server = Daemon.makeServer(role: .dispatcher, socketPath: sockets.dispatcher, readiness: readiness, logger: logger)
        let services: [any Service] =
            (upstream + notifiers).map(\.client) + applications
            + [
                DependencyMonitor(dependencies: upstream, readiness: readiness),
                DependencyMonitor(dependencies: notifiers, readiness: stackReadiness),
                server,
                DispatcherService(runtime: runtime, alerts: stateAlerts, logger: logger) {
                    readiness.set("alerts", satisfied: true)
                },
                SilenceReplicaFeed(state: upstream[0].client, runtime: runtime, logger: logger),
                ReloadOnHangup { _ = try? configuration.reload() },
            ] + (cluster.map { [$0] } ?? [])
        try await Daemon.run("tocsin-dispatcher", services: services, logger: logger)
    }
}
