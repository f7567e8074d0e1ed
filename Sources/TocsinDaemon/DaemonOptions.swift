import ArgumentParser
import TocsinLogging

/// The flags every Tocsin daemon takes, with Alertmanager's names and defaults where Alertmanager has them.
public struct DaemonOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("storage.path"), help: "Base path for data storage.")
    public var storagePath: String = "data/"

    @Option(
        name: .customLong("socket.dir"),
        help: "Directory of the processes' Unix-domain sockets (created 0700). Default: <storage.path>/run."
    )
    public var socketDirectory: String?

    @Option(name: .customLong("log.level"), help: "Only log messages with the given severity or above. One of: [debug, info, warn, error]")
    public var logLevel: LogLevel = .info

    @Option(name: .customLong("log.format"), help: "Output format of log messages. One of: [logfmt, json]")
    public var logFormat: LogFormat = .logfmt

    public init() {}

    /// Where the sockets live.
    public var sockets: SocketLayout {
        SocketLayout(directory: self.socketDirectory ?? SocketLayout.defaultDirectory(storagePath: self.storagePath))
    }
}

extension LogLevel: ExpressibleByArgument {}
extension LogFormat: ExpressibleByArgument {}
