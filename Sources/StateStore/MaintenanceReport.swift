/// What one maintenance run did: garbage collection, then the snapshots that let the log be truncated.
public struct MaintenanceReport: Sendable, Hashable {
    /// Silences dropped because they expired longer than the retention ago.
    public var silencesRemoved: Int
    /// Nflog entries dropped because they passed `expiresAt`.
    public var notificationsRemoved: Int
    /// Size of the `silences` snapshot written.
    public var silencesSnapshotBytes: Int
    /// Size of the `nflog` snapshot written.
    public var notificationLogSnapshotBytes: Int
    /// Size of the `alerts` snapshot written.
    public var alertsSnapshotBytes: Int
}
