import TocsinDaemon
import TocsinModel

extension StateStoreMetrics {
    /// Writes the metrics under Alertmanager 0.25's names, help texts and types (silences and nflog), plus
    /// Tocsin's own `tocsin_state_*` figures for the log.
    public func render(into out: inout PrometheusExposition) {
        out.summary(
            "alertmanager_nflog_gc_duration_seconds", help: "Duration of the last notification log garbage collection cycle.",
            sum: self.nflogGCDurationSecondsSum, count: self.nflogGCDurationSecondsCount)
        out.counter(
            "alertmanager_nflog_gossip_messages_propagated_total",
            help: "Number of received gossip messages that have been further gossiped.", Double(self.nflogGossipMessagesPropagatedTotal))
        out.counter(
            "alertmanager_nflog_queries_total", help: "Number of notification log queries were received.", Double(self.nflogQueriesTotal))
        out.histogram(
            "alertmanager_nflog_query_duration_seconds", help: "Duration of notification log query evaluation.",
            upperBounds: DurationHistogram.upperBounds, cumulativeCounts: self.nflogQueryDuration.cumulativeCounts,
            sum: self.nflogQueryDuration.sum, count: self.nflogQueryDuration.count)
        out.counter(
            "alertmanager_nflog_query_errors_total", help: "Number notification log received queries that failed.",
            Double(self.nflogQueryErrorsTotal))
        out.summary(
            "alertmanager_nflog_snapshot_duration_seconds", help: "Duration of the last notification log snapshot.",
            sum: self.nflogSnapshotDurationSecondsSum, count: self.nflogSnapshotDurationSecondsCount)
        out.gauge(
            "alertmanager_nflog_snapshot_size_bytes", help: "Size of the last notification log snapshot in bytes.",
            Double(self.nflogSnapshotSizeBytes))
        out.gauge(
            "alertmanager_silences", help: "How many silences by state.",
            [SilenceState.active, .expired, .pending].map { state in
                ([("state", state.rawValue)], Double(self.silencesByState[state] ?? 0))
            })
        out.summary(
            "alertmanager_silences_gc_duration_seconds", help: "Duration of the last silence garbage collection cycle.",
            sum: self.silencesGCDurationSecondsSum, count: self.silencesGCDurationSecondsCount)
        out.counter(
            "alertmanager_silences_gossip_messages_propagated_total",
            help: "Number of received gossip messages that have been further gossiped.", Double(self.silencesGossipMessagesPropagatedTotal))
        out.counter("alertmanager_silences_queries_total", help: "How many silence queries were received.", Double(self.silencesQueriesTotal))
        out.histogram(
            "alertmanager_silences_query_duration_seconds", help: "Duration of silence query evaluation.",
            upperBounds: DurationHistogram.upperBounds, cumulativeCounts: self.silencesQueryDuration.cumulativeCounts,
            sum: self.silencesQueryDuration.sum, count: self.silencesQueryDuration.count)
        out.counter(
            "alertmanager_silences_query_errors_total", help: "How many silence received queries did not succeed.",
            Double(self.silencesQueryErrorsTotal))
        out.summary(
            "alertmanager_silences_snapshot_duration_seconds", help: "Duration of the last silence snapshot.",
            sum: self.silencesSnapshotDurationSecondsSum, count: self.silencesSnapshotDurationSecondsCount)
        out.gauge(
            "alertmanager_silences_snapshot_size_bytes", help: "Size of the last silence snapshot in bytes.",
            Double(self.silencesSnapshotSizeBytes))
        out.gauge("tocsin_state_alerts", help: "Alerts held by the state store.", Double(self.alerts))
        out.counter("tocsin_state_log_records_total", help: "Records appended to the state store's log.", Double(self.logRecordsTotal))
        out.counter("tocsin_state_log_syncs_total", help: "fsyncs of the state store's log (one per group commit).", Double(self.logSyncsTotal))
        out.counter(
            "tocsin_state_log_torn_records_total", help: "Torn records cut from the end of the log at start-up.",
            Double(self.logTornRecordsTotal))
        out.counter(
            "tocsin_state_alert_writes_deferred_total", help: "Alert refreshes written lazily instead of with an fsync.",
            Double(self.alertWritesDeferredTotal))
    }
}
