import TocsinModel
/// A `host:port` address such as an SMTP smarthost.
///
/// Alertmanager splits it with Go's `net.SplitHostPort` at load time and insists on a port, so a
/// smarthost without one is a configuration error rather than a delivery failure.
public struct HostPort: Sendable, Hashable, CustomStringConvertible {
    /// The host name or address (without brackets for IPv6).
    public var host: String
    /// The port, never empty once parsed.
    public var port: String

    /// Makes an address from its parts.
    public init(host: String, port: String) {
        self.host = host
        self.port = port
    }

    /// Splits `host:port` with `net.SplitHostPort`'s rules and messages.
    public init(parsing text: String) throws(ConfigError) {
        func fail(_ why: String) -> ConfigError { ConfigError("address \(text): \(why)") }
        let bytes = Array(text.utf8)
        guard let colon = bytes.lastIndex(of: UInt8(ascii: ":")) else { throw fail("missing port in address") }
        var hostBytes: ArraySlice<UInt8>
        var openFrom = 0
        var closeFrom = 0
        if bytes.first == UInt8(ascii: "[") {
            guard let end = bytes.firstIndex(of: UInt8(ascii: "]")) else { throw fail("missing ']' in address") }
            if end + 1 == bytes.count { throw fail("missing port in address") }
            if end + 1 != colon {
                // Either ']' isn't followed by a colon, or it is followed by a colon that is not the last one.
                throw fail(bytes[end + 1] == UInt8(ascii: ":") ? "too many colons in address" : "missing port in address")
            }
            hostBytes = bytes[1..<end]
            openFrom = 1
            closeFrom = end + 1
        } else {
            hostBytes = bytes[..<colon]
            if hostBytes.contains(UInt8(ascii: ":")) { throw fail("too many colons in address") }
        }
        if bytes[openFrom...].contains(UInt8(ascii: "[")) { throw fail("unexpected '[' in address") }
        if bytes[closeFrom...].contains(UInt8(ascii: "]")) { throw fail("unexpected ']' in address") }
        let portBytes = bytes[(colon + 1)...]
        if portBytes.isEmpty { throw ConfigError("address \(GoQuote.quote(text)): port cannot be empty") }
        host = String(decoding: hostBytes, as: UTF8.self)
        port = String(decoding: portBytes, as: UTF8.self)
    }

    /// `host:port`, or "" when unset; IPv6 hosts are printed bare, as Alertmanager's `HostPort.String` does.
    public var description: String {
        host.isEmpty && port.isEmpty ? "" : "\(host):\(port)"
    }
}
