import TocsinModel

/// The store's counters and gauges at one moment, named after Alertmanager's metrics so the dispatcher can
/// expose them unchanged on `/metrics`.
public struct StateStoreMetrics: Sendable {
    /// `alertmanager_silences{state}`.
    public var silencesByState: [SilenceState: Int] = [:]
    /// `alertmanager_silences_gc_duration_seconds` (summary sum and count).
    public var silencesGCDurationSecondsSum: Double = 0
    /// The count belonging to the sum above.
    public var silencesGCDurationSecondsCount: UInt64 = 0
    /// `alertmanager_silences_snapshot_duration_seconds` (summary sum and count).
    public var silencesSnapshotDurationSecondsSum: Double = 0
    /// The count belonging to the sum above.
    public var silencesSnapshotDurationSecondsCount: UInt64 = 0
    /// `alertmanager_silences_snapshot_size_bytes`.
    public var silencesSnapshotSizeBytes: Int = 0
    /// `alertmanager_silences_queries_total`.
    public var silencesQueriesTotal: UInt64 = 0
    /// `alertmanager_silences_query_errors_total`.
    public var silencesQueryErrorsTotal: UInt64 = 0
    /// `alertmanager_silences_query_duration_seconds`.
    public var silencesQueryDuration = DurationHistogram()
    /// `alertmanager_silences_gossip_messages_propagated_total`.
    public var silencesGossipMessagesPropagatedTotal: UInt64 = 0
    /// `alertmanager_silences_maintenance_total` / `_errors_total` (later Alertmanager versions).
    public var silencesMaintenanceTotal: UInt64 = 0
    /// Maintenance runs that failed.
    public var silencesMaintenanceErrorsTotal: UInt64 = 0

    /// `alertmanager_nflog_gc_duration_seconds` (summary sum and count).
    public var nflogGCDurationSecondsSum: Double = 0
    /// The count belonging to the sum above.
    public var nflogGCDurationSecondsCount: UInt64 = 0
    /// `alertmanager_nflog_snapshot_duration_seconds` (summary sum and count).
    public var nflogSnapshotDurationSecondsSum: Double = 0
    /// The count belonging to the sum above.
    public var nflogSnapshotDurationSecondsCount: UInt64 = 0
    /// `alertmanager_nflog_snapshot_size_bytes`.
    public var nflogSnapshotSizeBytes: Int = 0
    /// `alertmanager_nflog_queries_total`.
    public var nflogQueriesTotal: UInt64 = 0
    /// `alertmanager_nflog_query_errors_total` (a miss counts, as in Alertmanager).
    public var nflogQueryErrorsTotal: UInt64 = 0
    /// `alertmanager_nflog_query_duration_seconds`.
    public var nflogQueryDuration = DurationHistogram()
    /// `alertmanager_nflog_gossip_messages_propagated_total`.
    public var nflogGossipMessagesPropagatedTotal: UInt64 = 0
    /// `alertmanager_nflog_maintenance_total` / `_errors_total` (later Alertmanager versions).
    public var nflogMaintenanceTotal: UInt64 = 0
    /// Maintenance runs that failed.
    public var nflogMaintenanceErrorsTotal: UInt64 = 0

    /// `tocsin_state_alerts`: alerts held.
    public var alerts: Int = 0
    /// `tocsin_state_log_records_total`: records appended to the log.
    public var logRecordsTotal: UInt64 = 0
    /// `tocsin_state_log_syncs_total`: fsyncs of the log (one per group commit).
    public var logSyncsTotal: UInt64 = 0
    /// `tocsin_state_log_torn_records_total`: torn records cut at start-up.
    public var logTornRecordsTotal: UInt64 = 0
    /// `tocsin_state_alert_writes_deferred_total`: alert refreshes persisted lazily instead of with an fsync.
    public var alertWritesDeferredTotal: UInt64 = 0
    /// `tocsin_state_version`: the version of the last change.
    public var version: UInt64 = 0
}
