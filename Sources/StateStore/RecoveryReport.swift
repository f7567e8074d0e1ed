/// What opening the store found on disk, for the daemon to log at start-up.
public struct RecoveryReport: Sendable {
    /// Silences loaded from the snapshot.
    public var silencesFromSnapshot: Int
    /// Nflog entries loaded from the snapshot.
    public var notificationsFromSnapshot: Int
    /// Alerts loaded from the snapshot.
    public var alertsFromSnapshot: Int
    /// Log records replayed on top of the snapshots.
    public var logRecordsReplayed: Int
    /// The torn record cut from the log's end, if a crash left one.
    public var logRepair: LogRepair?
}
