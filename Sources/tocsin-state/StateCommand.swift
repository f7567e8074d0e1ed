import ArgumentParser
import Foundation
import StateStore
import TocsinConfig
import TocsinDaemon
import TocsinWire

/// tocsin-state: owns the durable state (silences, notification log, accepted alerts) and serves it to
/// the other processes over `<socket.dir>/state.sock`.
@main
struct StateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tocsin-state",
        abstract: "Tocsin's state store: silences, notification log and accepted alerts.",
        version: TocsinVersion.description
    )

    /// Reads `--flag=` as an empty value, as Alertmanager's kingpin flags do.
    static func main() async {
        await Self.mainWithKingpinArguments()
    }

    @OptionGroup var daemon: DaemonOptions

    @Option(name: .customLong("data.retention"), help: "How long to keep data for.")
    var dataRetention = "120h"

    @Option(
        name: .customLong("data.maintenance-interval"),
        help: "Interval between garbage collection and snapshotting to disk of the silences and the notification logs."
    )
    var maintenanceInterval = "15m"

    @Option(name: .customLong("silences.max-silences"), help: "Maximum number of silences, including expired silences. 0 means no limit.")
    var maxSilences = 0

    @Option(name: .customLong("silences.max-silence-size-bytes"), help: "Maximum silence size in bytes. 0 means no limit.")
    var maxSilenceSizeBytes = 0

    func run() async throws {
        let logger = try Daemon.bootstrap("state", options: self.daemon)
        let retention: PrometheusDuration
        let interval: PrometheusDuration
        do {
            retention = try PrometheusDuration(parsing: self.dataRetention)
            interval = try PrometheusDuration(parsing: self.maintenanceInterval)
        } catch {
            throw ValidationError("\(error)")
        }

        let store: StateStore
        do {
            store = try StateStore(
                configuration: StateStoreConfiguration(
                    directory: self.daemon.storagePath,
                    retention: retention.seconds,
                    silenceLimits: SilenceLimits(maxSilences: self.maxSilences, maxSilenceSizeBytes: self.maxSilenceSizeBytes)
                )
            )
        } catch {
            // A damaged snapshot stops the start: starting empty would silently drop every silence.
            logger.error("Loading the state failed", metadata: ["dir": "\(self.daemon.storagePath)", "err": "\(error)"])
            throw ExitCode.failure
        }
        let recovery = store.recovery
        logger.info(
            "Loaded the state",
            metadata: [
                "silences": "\(recovery.silencesFromSnapshot)",
                "nflog_entries": "\(recovery.notificationsFromSnapshot)",
                "alerts": "\(recovery.alertsFromSnapshot)",
                "log_records_replayed": "\(recovery.logRecordsReplayed)",
            ]
        )
        if let repair = recovery.logRepair {
            logger.warning("cut a torn record at the end of the log (a crash mid-write)", metadata: ["repair": "\(repair)"])
        }

        let readiness = ReadinessState(waitingFor: ["socket"])
        let server = Daemon.makeServer(
            role: .state,
            socketPath: self.daemon.sockets.state,
            readiness: readiness,
            handlers: [
                StateService(store: store),
                MetricsHandler {
                    var out = PrometheusExposition()
                    await store.metrics().render(into: &out)
                    return out.text
                },
            ],
            topics: [StateChangeTopic(store: store)],
            logger: logger
        )
        let maintenance = StateStoreService(
            store: store,
            maintenanceInterval: .milliseconds(interval.milliseconds),
            logger: logger
        )
        try await Daemon.run("tocsin-state", services: [maintenance, server], logger: logger)
    }
}
