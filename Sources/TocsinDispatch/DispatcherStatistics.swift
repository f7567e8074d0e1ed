import TocsinModel

/// What the dispatcher's `/metrics` reports about its alerts and groups, read in one go from the runtime.
public struct DispatcherStatistics: Sendable, Equatable {
    /// Stored alerts that are not resolved, by marker state (`alertmanager_alerts{state}`): Alertmanager's
    /// provider collector skips resolved alerts and counts alerts without a marker entry as unprocessed.
    public var alertsByState: [AlertState: Int] = [:]
    /// Marker entries by state, resolved alerts included (`alertmanager_marked_alerts{state}`).
    public var markedByState: [AlertState: Int] = [:]
    /// Aggregation groups that exist (`alertmanager_dispatcher_aggregation_groups`).
    public var aggregationGroups = 0
    /// Time spent ingesting alerts into the dispatcher, and how many
    /// (`alertmanager_dispatcher_alert_processing_duration_seconds`).
    public var processingSeconds: Double = 0
    public var processedAlerts: UInt64 = 0

    public init() {}
}
