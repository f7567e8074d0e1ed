import TocsinWire

/// One daemon the supervisor runs: how to start it and where it answers.
public struct ChildSpec: Sendable, Equatable {
    /// Short name for logs ("state", "dispatcher", "notifier-0").
    public var name: String
    public var executablePath: String
    public var arguments: [String]
    /// The daemon's socket: the supervisor learns its readiness there.
    public var socketPath: String
    /// Whether SIGHUP is passed on to it (the daemons that reload their configuration).
    public var reloadsOnHangup: Bool

    public init(name: String, executablePath: String, arguments: [String], socketPath: String, reloadsOnHangup: Bool) {
        self.name = name
        self.executablePath = executablePath
        self.arguments = arguments
        self.socketPath = socketPath
        self.reloadsOnHangup = reloadsOnHangup
    }
}
