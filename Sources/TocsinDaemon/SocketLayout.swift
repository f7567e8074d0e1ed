import TocsinWire

/// Which socket each process listens on, inside the runtime directory. Every process derives the same
/// paths from the same directory, so a supervisor, systemd units or a Kubernetes pod only need to agree on
/// the directory.
public struct SocketLayout: Sendable, Equatable {
    public let directory: SocketDirectory

    public init(directory: String) {
        self.directory = SocketDirectory(path: directory)
    }

    /// `<storage.path>/run`, the default runtime directory.
    public static func defaultDirectory(storagePath: String) -> String {
        storagePath.hasSuffix("/") ? "\(storagePath)run" : "\(storagePath)/run"
    }

    public var state: String { self.directory.socketPath(for: "state") }
    public var gossip: String { self.directory.socketPath(for: "gossip") }
    public var dispatcher: String { self.directory.socketPath(for: "dispatcher") }

    /// The socket of a notifier instance (`notifier-0`, `notifier-1`, ...).
    public func notifier(_ instance: String) -> String { self.directory.socketPath(for: instance) }

    /// The instance name of the notifier at `index` among the notifier partitions.
    public static func notifierInstance(_ index: Int) -> String { "notifier-\(index)" }
}
