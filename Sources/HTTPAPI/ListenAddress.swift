/// A `--web.listen-address` value in Go's `host:port` form (`:9093`, `127.0.0.1:9093`, `[::1]:9093`).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host to bind; an empty host in the flag means every interface, as in Go.
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses the flag's value.
    public init(parsing value: String) throws(ListenAddressError) {
        guard let colon = value.lastIndex(of: ":") else { throw .missingPort(value) }
        var host = String(value[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port) else {
            throw .invalidPort(value)
        }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    public var description: String {
        self.host.contains(":") ? "[\(self.host)]:\(self.port)" : "\(self.host):\(self.port)"
    }
}

/// A listen address that does not parse; worded like Go's net package errors.
public enum ListenAddressError: Error, Equatable, CustomStringConvertible {
    case missingPort(String)
    case invalidPort(String)

    public var description: String {
        switch self {
        case .missingPort(let value): return "address \(value): missing port in address"
        case .invalidPort(let value): return "address \(value): invalid port"
        }
    }
}
