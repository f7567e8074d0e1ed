import ArgumentParser
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

    func run() async throws {
        let logger = try Daemon.bootstrap("state", options: self.daemon)
        let readiness = ReadinessState(waitingFor: ["socket"])
        let server = Daemon.makeServer(
            role: .state,
            socketPath: self.daemon.sockets.state,
            readiness: readiness,
            logger: logger
        )
        try await Daemon.run("tocsin-state", services: [server], logger: logger)
    }
}
