import Synchronization
import TocsinDaemon

/// What the API counts of the alerts it receives (`alertmanager_alerts_received_total{status,version}` and
/// `alertmanager_alerts_invalid_total{version}`). Tocsin serves only API v2; the v1 series are exposed at 0,
/// as Alertmanager 0.25 exposes them, so queries and dashboards that sum both keep working.
public final class APIMetrics: Sendable {
    private struct Counts {
        var firing: UInt64 = 0
        var resolved: UInt64 = 0
        var invalid: UInt64 = 0
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// Counts a POSTed batch: every decoded alert as received (firing or resolved as posted, before
    /// validation, as Alertmanager counts them), the invalid ones again as invalid.
    func received(firing: Int, resolved: Int, invalid: Int) {
        counts.withLock {
            $0.firing += UInt64(firing)
            $0.resolved += UInt64(resolved)
            $0.invalid += UInt64(invalid)
        }
    }

    public func render(into out: inout PrometheusExposition) {
        let counts = self.counts.withLock { $0 }
        out.counter(
            "alertmanager_alerts_invalid_total", help: "The total number of received alerts that were invalid.",
            [([("version", "v1")], 0), ([("version", "v2")], Double(counts.invalid))])
        out.counter(
            "alertmanager_alerts_received_total", help: "The total number of received alerts.",
            [
                ([("status", "firing"), ("version", "v1")], 0), ([("status", "firing"), ("version", "v2")], Double(counts.firing)),
                ([("status", "resolved"), ("version", "v1")], 0), ([("status", "resolved"), ("version", "v2")], Double(counts.resolved)),
            ])
    }
}
