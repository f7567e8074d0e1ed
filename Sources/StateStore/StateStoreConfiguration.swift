import Foundation

/// How a state store is set up; the defaults are Alertmanager 0.25's flag defaults.
public struct StateStoreConfiguration: Sendable {
    /// `--storage.path`: holds `silences` and `nflog` (Alertmanager's snapshots), `alerts` and `state.wal`.
    public var directory: String
    /// `--data.retention`: how long silences and nflog entries are kept after they end (120h).
    public var retention: TimeInterval
    /// Caps on silences (unlimited by default, as in 0.25).
    public var silenceLimits: SilenceLimits
    /// Where "now" comes from.
    public var clock: any StateClock

    /// A configuration for `directory` with Alertmanager's defaults for the rest.
    public init(
        directory: String,
        retention: TimeInterval = 120 * 3600,
        silenceLimits: SilenceLimits = SilenceLimits(),
        clock: any StateClock = SystemStateClock()
    ) {
        self.directory = directory
        self.retention = retention
        self.silenceLimits = silenceLimits
        self.clock = clock
    }

    /// `<directory>/silences`, Alertmanager's silences snapshot.
    public var silencesPath: String { directory + "/silences" }
    /// `<directory>/nflog`, Alertmanager's notification log snapshot.
    public var notificationLogPath: String { directory + "/nflog" }
    /// `<directory>/alerts`, Tocsin's alerts snapshot (Alertmanager keeps alerts only in memory).
    public var alertsPath: String { directory + "/alerts" }
    /// `<directory>/state.wal`, the append-only log of changes since the last snapshot.
    public var logPath: String { directory + "/state.wal" }
}
