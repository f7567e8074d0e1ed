import Synchronization
import TocsinDaemon

/// The notification counters and latency histogram, with Alertmanager's names, help texts and buckets
/// (notify/notify.go `newMetrics`), by integration.
///
/// Alertmanager 0.25 pre-initialises the series of every integration it knows, so dashboards see zeros
/// before the first notification; the same list is pre-initialised here.
public final class NotifyMetrics: Sendable {
    /// The integrations 0.25 pre-initialises.
    public static let preinitialisedIntegrations = [
        "email", "pagerduty", "wechat", "pushover", "slack", "opsgenie", "webhook", "victorops", "sns", "telegram",
    ]
    /// notificationLatencySeconds's buckets.
    public static let latencyBuckets: [Double] = [1, 5, 10, 15, 20]

    struct Series: Sendable {
        var notifications: UInt64 = 0
        var notificationsFailed: UInt64 = 0
        var requests: UInt64 = 0
        var requestsFailed: UInt64 = 0
        var latencyBuckets = [UInt64](repeating: 0, count: NotifyMetrics.latencyBuckets.count)
        var latencySum = 0.0
        var latencyCount: UInt64 = 0
    }

    private let series: Mutex<[String: Series]>

    public init() {
        self.series = Mutex(Dictionary(uniqueKeysWithValues: Self.preinitialisedIntegrations.map { ($0, Series()) }))
    }

    /// A notification attempted by the retry stage (alertmanager_notifications_total).
    public func countNotification(integration: String) {
        self.update(integration) { $0.notifications += 1 }
    }

    /// A notification that failed for good (alertmanager_notifications_failed_total).
    public func countFailedNotification(integration: String) {
        self.update(integration) { $0.notificationsFailed += 1 }
    }

    /// One delivery attempt and how long it took (requests_total, requests_failed_total, latency).
    public func observeRequest(integration: String, seconds: Double, failed: Bool) {
        self.update(integration) { series in
            series.requests += 1
            if failed { series.requestsFailed += 1 }
            for (index, bound) in Self.latencyBuckets.enumerated() where seconds <= bound {
                series.latencyBuckets[index] += 1
            }
            series.latencySum += seconds
            series.latencyCount += 1
        }
    }

    /// The counters of one integration: (notifications, failed, requests, failed requests).
    public func counts(integration: String) -> (notifications: UInt64, failed: UInt64, requests: UInt64, failedRequests: UInt64) {
        let series = self.series.withLock { $0[integration] } ?? Series()
        return (series.notifications, series.notificationsFailed, series.requests, series.requestsFailed)
    }

    /// Writes the families in the order client_golang sorts them (by name), series by integration.
    public func render(into out: inout PrometheusExposition) {
        let snapshot = self.series.withLock { $0 }.sorted { $0.key < $1.key }
        func labels(_ name: String) -> [(String, String)] { [("integration", name)] }
        out.histogram(
            "alertmanager_notification_latency_seconds",
            help: "The latency of notifications in seconds.",
            upperBounds: Self.latencyBuckets,
            snapshot.map { (labels($0.key), $0.value.latencyBuckets, $0.value.latencySum, $0.value.latencyCount) }
        )
        out.counter(
            "alertmanager_notification_requests_failed_total",
            help: "The total number of failed notification requests.",
            snapshot.map { (labels($0.key), Double($0.value.requestsFailed)) }
        )
        out.counter(
            "alertmanager_notification_requests_total",
            help: "The total number of attempted notification requests.",
            snapshot.map { (labels($0.key), Double($0.value.requests)) }
        )
        out.counter(
            "alertmanager_notifications_failed_total",
            help: "The total number of failed notifications.",
            snapshot.map { (labels($0.key), Double($0.value.notificationsFailed)) }
        )
        out.counter(
            "alertmanager_notifications_total",
            help: "The total number of attempted notifications.",
            snapshot.map { (labels($0.key), Double($0.value.notifications)) }
        )
    }

    private func update(_ integration: String, _ change: (inout Series) -> Void) {
        self.series.withLock { all in change(&all[integration, default: Series()]) }
    }
}
