import Notify
import Testing
import TocsinDaemon

/// Alertmanager's notification metric families, pre-initialised per integration.
@Suite struct NotifyMetricsTests {
    @Test func familiesArePreinitialisedAndCount() {
        let metrics = NotifyMetrics()
        metrics.countNotification(integration: "webhook")
        metrics.observeRequest(integration: "webhook", seconds: 2, failed: true)
        var out = PrometheusExposition()
        metrics.render(into: &out)
        #expect(out.text.contains("alertmanager_notifications_total{integration=\"email\"} 0\n"))
        #expect(out.text.contains("alertmanager_notifications_total{integration=\"webhook\"} 1\n"))
        #expect(out.text.contains("alertmanager_notification_requests_failed_total{integration=\"webhook\"} 1\n"))
        #expect(out.text.contains("alertmanager_notification_latency_seconds_bucket{integration=\"webhook\",le=\"1\"} 0\n"))
        #expect(out.text.contains("alertmanager_notification_latency_seconds_bucket{integration=\"webhook\",le=\"5\"} 1\n"))
        #expect(out.text.contains("# HELP alertmanager_notifications_failed_total The total number of failed notifications.\n"))
    }
}
