#if canImport(Glibc)
    import Glibc
#endif

/// The URL under which the node is reachable, as Alertmanager derives it from `--web.external-url` and
/// the first `--web.listen-address` (cmd/alertmanager/main.go `extURL`): when not given,
/// `http://<hostname>:<listen port>`; a trailing `/` of the path is dropped. Notifications carry it
/// (`externalURL`), so every process must derive the same value.
public enum ExternalURL {
    public static func resolve(_ given: String?, listenAddress: String) -> String {
        var url = given ?? ""
        if url.isEmpty {
            let port = listenAddress.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? ""
            url = "http://\(Self.hostname):\(port.isEmpty ? "9093" : port)"
        }
        while url.hasSuffix("/") && !url.hasSuffix("://") { url.removeLast() }
        return url
    }

    /// The kernel's host name, as Go's `os.Hostname`.
    static var hostname: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
