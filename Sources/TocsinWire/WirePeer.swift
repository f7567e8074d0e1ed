/// The process at the other end of an accepted connection, as far as the server knows it.
public struct WirePeer: Sendable, CustomStringConvertible {
    /// Kernel-reported credentials; nil only for channels without a socket.
    public var credentials: PeerCredentials?
    /// What the peer said it is in its hello.
    public var role: WireRole
    public var instance: String
    public var pid: Int32

    public init(credentials: PeerCredentials?, role: WireRole, instance: String, pid: Int32) {
        self.credentials = credentials
        self.role = role
        self.instance = instance
        self.pid = pid
    }

    /// Names the peer in log lines: its role, instance and pid.
    public var description: String {
        let name = self.instance.isEmpty ? self.role.name : "\(self.role.name)/\(self.instance)"
        return "\(name) pid=\(self.credentials?.pid ?? self.pid)"
    }
}

extension WireRole {
    /// A short lowercase name for logs and errors ("state", "notifier", ...).
    public var name: String {
        switch self {
        case .unspecified: return "unspecified"
        case .supervisor: return "supervisor"
        case .state: return "state"
        case .gossip: return "gossip"
        case .dispatcher: return "dispatcher"
        case .notifier: return "notifier"
        case .tool: return "tool"
        case .UNRECOGNIZED(let value): return "role(\(value))"
        }
    }
}
