/// Where a member listens: its IP address (4 bytes for IPv4, 16 for IPv6, as memberlist carries it) and the
/// one port it uses for both UDP and TCP.
public struct NodeAddress: Sendable, Hashable, CustomStringConvertible {
    /// The IP address bytes: 4 for IPv4, 16 for IPv6.
    public var ip: [UInt8]
    /// The UDP and TCP port.
    public var port: UInt16

    /// The address `ip`:`port`.
    public init(ip: [UInt8], port: UInt16) {
        self.ip = ip
        self.port = port
    }

    /// `ip:port` (IPv4 dotted, IPv6 as `[hex:...]`), as memberlist prints addresses in its logs.
    public var description: String {
        if ip.count == 16 {
            let groups = stride(from: 0, to: 16, by: 2).map { String(UInt16(ip[$0]) << 8 | UInt16(ip[$0 + 1]), radix: 16) }
            return "[\(groups.joined(separator: ":"))]:\(port)"
        }
        return ip.map(String.init).joined(separator: ".") + ":\(port)"
    }
}
