import Logging
import TocsinWire

extension Daemon {
    /// The socket server every daemon runs: the control requests (ping, readiness), the readiness topic, and
    /// the daemon's own handlers and topics. Readiness stops waiting for "socket" once it listens.
    public static func makeServer(
        role: WireRole,
        instance: String = "",
        socketPath: String,
        readiness: ReadinessState,
        handlers: [any WireRequestHandler] = [],
        topics: [any WireTopic] = [],
        logger: Logger
    ) -> WireServer {
        WireServer(
            configuration: .init(socketPath: socketPath, role: role, instance: instance),
            handlers: [DaemonControlHandler(readiness: readiness)] + handlers,
            topics: [readiness] + topics,
            logger: logger,
            onListening: { readiness.set("socket", satisfied: true) }
        )
    }

    /// A client for a peer daemon's socket, announcing this daemon's role.
    public static func makeClient(
        to socketPath: String,
        as role: WireRole,
        instance: String = "",
        logger: Logger
    ) -> WireClient {
        WireClient(configuration: .init(socketPath: socketPath, role: role, instance: instance), logger: logger)
    }
}
