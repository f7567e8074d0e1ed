import TocsinConfig
import TocsinDaemon
import TocsinDispatch

/// The dispatcher's own metrics: build information, whether clustering is on, the configuration
/// (Alertmanager's `alertmanager_config_*`, `alertmanager_receivers`, `alertmanager_integrations`), and the
/// alerts and aggregation groups it holds (`alertmanager_alerts`, `alertmanager_marked_alerts`,
/// `alertmanager_dispatcher_*`), with Alertmanager's names, help texts and labels.
public struct DispatcherMetrics: Sendable {
    let configuration: ConfigCoordinator
    let clusterEnabled: Bool

    public init(configuration: ConfigCoordinator, clusterEnabled: Bool) {
        self.configuration = configuration
        self.clusterEnabled = clusterEnabled
    }

    public func render(into out: inout PrometheusExposition, statistics: DispatcherStatistics) {
        let states: [AlertState] = [.active, .suppressed, .unprocessed]
        out.gauge(
            "alertmanager_alerts", help: "How many alerts by state.",
            states.map { ([("state", $0.rawValue)], Double(statistics.alertsByState[$0] ?? 0)) })
        out.gauge(
            "alertmanager_build_info",
            help:
                "A metric with a constant '1' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.",
            [
                (
                    [
                        ("version", TocsinVersion.version), ("revision", ""), ("branch", ""), ("goversion", ""), ("goos", "linux"),
                        ("goarch", Self.architecture),
                    ], 1
                )
            ]
        )
        out.gauge("alertmanager_cluster_enabled", help: "Indicates whether the clustering is enabled or not.", self.clusterEnabled ? 1 : 0)
        let config = self.configuration.current
        if let config {
            out.gauge("alertmanager_config_hash", help: "Hash of the currently loaded alertmanager configuration.", config.metricHash)
        }
        let reload = self.configuration.lastReload
        out.gauge(
            "alertmanager_config_last_reload_success_timestamp_seconds", help: "Timestamp of the last successful configuration reload.",
            reload.successTimestamp)
        out.gauge(
            "alertmanager_config_last_reload_successful", help: "Whether the last configuration reload attempt was successful.",
            reload.successful ? 1 : 0)
        out.gauge(
            "alertmanager_dispatcher_aggregation_groups", help: "Number of active aggregation groups", Double(statistics.aggregationGroups))
        out.summary(
            "alertmanager_dispatcher_alert_processing_duration_seconds", help: "Summary of latencies for the processing of alerts.",
            sum: statistics.processingSeconds, count: statistics.processedAlerts)
        let active = config?.activeReceivers ?? []
        out.gauge(
            "alertmanager_integrations", help: "Number of configured integrations.", Double(active.reduce(0) { $0 + $1.integrationCount }))
        out.gauge(
            "alertmanager_marked_alerts",
            help: "How many alerts by state are currently marked in the Alertmanager regardless of their expiry.",
            states.map { ([("state", $0.rawValue)], Double(statistics.markedByState[$0] ?? 0)) })
        out.gauge("alertmanager_receivers", help: "Number of configured receivers.", Double(active.count))
    }

    private static var architecture: String {
        #if arch(x86_64)
            return "amd64"
        #elseif arch(arm64)
            return "arm64"
        #else
            return "unknown"
        #endif
    }
}
