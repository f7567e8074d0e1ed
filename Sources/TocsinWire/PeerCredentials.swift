#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import NIOCore

/// Who is on the other end of a Unix-domain socket, as the kernel reports it (SO_PEERCRED).
///
/// The socket directory is already 0700, so only our own user can reach a socket; checking the peer's uid
/// as well means a socket that was moved or re-permissioned by mistake still refuses other users.
public struct PeerCredentials: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// Reads the credentials of the peer of a connected Unix-domain channel; nil when the channel has no
    /// socket (an embedded channel in tests) or the kernel does not answer.
    public static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        // Laid out like the kernel's `struct ucred` (pid_t, uid_t, gid_t).
        struct UCred {
            var pid: Int32 = 0
            var uid: UInt32 = 0
            var gid: UInt32 = 0
        }
        return provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET),
            name: SocketOptionName(SO_PEERCRED)
        ).map { (cred: UCred) -> PeerCredentials? in
            PeerCredentials(pid: cred.pid, uid: cred.uid, gid: cred.gid)
        }.recover { _ in nil }
    }

    public var description: String { "pid=\(self.pid) uid=\(self.uid)" }
}
