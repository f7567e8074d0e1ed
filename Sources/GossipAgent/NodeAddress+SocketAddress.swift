import Memberlist
import NIOCore

extension NodeAddress {
    /// An address the sockets cannot carry in memberlist's form (a Unix-domain path).
    public struct NotAnIPAddress: Error, CustomStringConvertible {
        public let address: String
        public var description: String { "not an IP address: \(self.address)" }
    }

    /// The memberlist form (raw IP bytes and port) of a socket address.
    public init(_ address: SocketAddress) throws {
        switch address {
        case .v4(let v4):
            let ip = withUnsafeBytes(of: v4.address.sin_addr) { Array($0) }
            self.init(ip: ip, port: UInt16(address.port ?? 0))
        case .v6(let v6):
            let ip = withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
            self.init(ip: ip, port: UInt16(address.port ?? 0))
        default:
            throw NotAnIPAddress(address: "\(address)")
        }
    }

    /// The socket address to send to or connect to.
    public func socketAddress() throws -> SocketAddress {
        try SocketAddress(packedIPAddress: ByteBuffer(bytes: self.ip), port: Int(self.port))
    }
}
