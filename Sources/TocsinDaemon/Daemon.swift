import Logging
import ServiceLifecycle
import TocsinLogging
import TocsinWire

/// Runs a daemon: its services in one `ServiceGroup`, stopped gracefully on SIGTERM or SIGINT.
///
/// Every daemon's `main` is: parse flags, ``bootstrap(_:options:)``, build services, ``run(_:services:logger:)``.
/// Any service ending (or failing) stops the whole group, so a daemon never limps on with a part missing;
/// the supervisor then restarts it.
public enum Daemon {
    /// Sets up logging and the socket directory; returns the daemon's logger.
    public static func bootstrap(_ name: String, options: DaemonOptions) throws -> Logger {
        bootstrapLogging(format: options.logFormat, level: options.logLevel)
        var logger = Logger(label: "tocsin.\(name)")
        logger[metadataKey: "component"] = "\(name)"
        try options.sockets.directory.prepare()
        return logger
    }

    /// Runs the services until a signal or a failure. Throws the first service error.
    public static func run(_ name: String, services: [any Service], logger: Logger) async throws {
        let watchdog = SupervisorWatchdog(logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: (services + [watchdog]).map {
                    ServiceGroupConfiguration.ServiceConfiguration(
                        service: $0,
                        successTerminationBehavior: .gracefullyShutdownGroup,
                        failureTerminationBehavior: .gracefullyShutdownGroup
                    )
                },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        logger.info("Starting \(name)", metadata: ["version": "\(TocsinVersion.description)"])
        do {
            try await group.run()
        } catch is CancellationError {
            // A service noticed the shutdown through cancellation: that is an orderly stop too.
        }
        logger.info("Stopped \(name)")
    }
}
