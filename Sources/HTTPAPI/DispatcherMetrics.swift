import TocsinConfig
import TocsinDaemon

/// The dispatcher's own metrics that exist from the start: build information, whether clustering is on,
/// and the state of the configuration (Alertmanager's `alertmanager_config_*`).
public struct DispatcherMetrics: Sendable {
    let configuration: ConfigCoordinator
    let clusterEnabled: Bool

    public init(configuration: ConfigCoordinator, clusterEnabled: Bool) {
        self.configuration = configuration
        self.clusterEnabled = clusterEnabled
    }

    public func render(into out: inout PrometheusExposition) {
        out.gauge(
            "alertmanager_build_info",
            help: "A metric with a constant '1' value labeled by version, revision, branch, goversion from which alertmanager was built, and the goos and goarch for the build.",
            [([("version", TocsinVersion.version), ("revision", ""), ("branch", ""), ("goversion", ""), ("goos", "linux"), ("goarch", Self.architecture)], 1)]
        )
        out.gauge("alertmanager_cluster_enabled", help: "Indicates whether the clustering is enabled or not.", self.clusterEnabled ? 1 : 0)
        let reload = self.configuration.lastReload
        out.gauge(
            "alertmanager_config_last_reload_success_timestamp_seconds", help: "Timestamp of the last successful configuration reload.",
            reload.successTimestamp)
        out.gauge(
            "alertmanager_config_last_reload_successful", help: "Whether the last configuration reload attempt was successful.",
            reload.successful ? 1 : 0)
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
