import Memberlist
import NIOCore

/// A `host:port` as Alertmanager's `--cluster.*` address flags take it (`[::1]:9094` for IPv6; an empty
/// host means every interface).
public struct ClusterAddress: Sendable, Hashable, CustomStringConvertible {
    /// A flag value that is not `host:port`.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let text: String

        public init(text: String) {
            self.text = text
        }

        public var description: String { "invalid address \"\(self.text)\": expected host:port" }
    }

    /// The host name or IP literal, without brackets.
    public var host: String
    /// The port.
    public var port: Int

    /// The address `host`:`port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Reads `host:port` (Go's `net.SplitHostPort`).
    public init(parsing text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw Invalid(text: text)
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            throw Invalid(text: text)
        }
        self.init(host: host, port: port)
    }

    /// Whether the host is a wildcard (listen on every interface), which cannot be advertised.
    public var isUnspecified: Bool {
        self.host.isEmpty || self.host == "0.0.0.0" || self.host == "::"
    }

    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }

    /// Resolves the host (a blocking name lookup: call it off the actor's hot paths).
    public func resolve() throws -> NodeAddress {
        try NodeAddress(try SocketAddress.makeAddressResolvingHost(self.host, port: self.port))
    }
}
