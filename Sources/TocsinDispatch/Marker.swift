import TocsinModel

/// Per-alert mute status (Alertmanager 0.25's global `types.Marker`): what the API shows as `status`.
///
/// Entries are written by the muting stages at each flush and by the API when it recomputes statuses, and
/// deleted when the alert store collects the alert. 0.25 has no group markers (those, and `mutedBy`, came
/// with later versions), so there are none here.
public struct Marker: Sendable {
    private var statuses: [Fingerprint: AlertMarkerStatus] = [:]

    /// An empty marker: every alert is unprocessed.
    public init() {}

    /// The alert's status; `unprocessed` with empty lists when it has no entry.
    public func status(of fingerprint: Fingerprint) -> AlertMarkerStatus {
        statuses[fingerprint] ?? .unprocessed
    }

    /// Replaces the inhibiting fingerprints (empty: not inhibited), keeping the silence ids (SetInhibited).
    public mutating func setInhibited(_ fingerprint: Fingerprint, by ids: [String]) {
        var status = statuses[fingerprint] ?? AlertMarkerStatus(silencedBy: [], inhibitedBy: [])
        status.setInhibitedBy(ids)
        statuses[fingerprint] = status
    }

    /// Replaces the active silence ids (empty: not silenced), keeping the inhibition (SetActiveOrSilenced).
    public mutating func setSilenced(_ fingerprint: Fingerprint, by ids: [String]) {
        var status = statuses[fingerprint] ?? AlertMarkerStatus(silencedBy: [], inhibitedBy: [])
        status.setSilencedBy(ids)
        statuses[fingerprint] = status
    }

    /// Forgets the alert, which becomes unprocessed again.
    public mutating func delete(_ fingerprint: Fingerprint) {
        statuses[fingerprint] = nil
    }

    /// How many marked alerts are in `state` (the `alertmanager_marked_alerts` gauge); `unprocessed` counts
    /// nothing, as alerts without an entry are not marked.
    public func count(_ state: AlertState) -> Int {
        statuses.values.reduce(0) { $0 + ($1.state == state ? 1 : 0) }
    }
}
