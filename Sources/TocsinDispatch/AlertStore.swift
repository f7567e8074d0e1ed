import Foundation
import TocsinModel

/// The current version of every alert, by fingerprint (Alertmanager's `provider/mem` over `store.Alerts`).
///
/// A re-sent alert is merged into the stored one only when their activity ranges overlap; otherwise it
/// replaces it, so a re-fire after resolution starts a new interval. Every put is O(1); only the periodic
/// garbage collection walks all alerts, as Alertmanager's does (`--alerts.gc-interval`, 30m).
public struct AlertStore: Sendable {
    private var alerts: [Fingerprint: Alert] = [:]

    /// An empty store.
    public init() {}

    /// How many alerts are stored (firing and not yet collected resolved ones).
    public var count: Int { alerts.count }

    /// The stored version of the alert with this fingerprint.
    public subscript(fingerprint: Fingerprint) -> Alert? {
        alerts[fingerprint]
    }

    /// Every stored alert, in no particular order.
    public var all: [Alert] { Array(alerts.values) }

    /// Stores an ingested alert (both times set) and returns the version now stored, which is what the
    /// dispatcher and the inhibitor must see: Alertmanager forwards the merged alert to its subscribers on every
    /// put, including identical re-posts.
    // provider/mem Put: merge only if new.EndsAt or new.StartsAt falls strictly inside the old interval.
    @discardableResult
    public mutating func put(_ alert: Alert, at now: Date) -> Alert {
        put(alert, fingerprint: alert.fingerprint, at: now)
    }

    /// `put(_:at:)` for a caller that already computed the fingerprint.
    mutating func put(_ alert: Alert, fingerprint: Fingerprint, at now: Date) -> Alert {
        var stored = alert
        if let old = alerts[fingerprint], old.overlaps(withNewer: alert) {
            stored = old.merged(with: alert, at: now)
        }
        alerts[fingerprint] = stored
        return stored
    }

    /// Deletes every alert resolved at `now` and returns them, so the caller can drop their marker and
    /// inhibition entries (store.Alerts.gc and the provider's GC callback).
    public mutating func collectGarbage(at now: Date) -> [Alert] {
        let resolved = alerts.values.filter { $0.isResolved(at: now) }
        for alert in resolved {
            alerts[alert.fingerprint] = nil
        }
        return resolved
    }
}
