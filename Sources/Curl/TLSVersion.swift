/// A TLS protocol version, as named in Alertmanager's `tls_config` (`TLS10` ... `TLS13`).
public enum TLSVersion: String, Sendable, Hashable, CaseIterable, Comparable {
    case tls10 = "TLS10"
    case tls11 = "TLS11"
    case tls12 = "TLS12"
    case tls13 = "TLS13"

    /// Parses Alertmanager's spelling; nil for anything else (the config layer reports
    /// `unknown TLS version: X`, as prometheus/common does).
    public init?(configName: String) {
        self.init(rawValue: configName)
    }

    /// Orders versions from oldest to newest.
    public static func < (lhs: TLSVersion, rhs: TLSVersion) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .tls10: 0
        case .tls11: 1
        case .tls12: 2
        case .tls13: 3
        }
    }
}
