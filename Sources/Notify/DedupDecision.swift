import Foundation
import TocsinModel

/// Whether a group needs a notification through one integration, given what the nflog says was last sent.
///
/// The rules are Alertmanager 0.25's `DedupStage.needsUpdate` (notify/notify.go), kept exactly: a change
/// that only removes firing alerts does not notify on its own, and "all resolved" notifies even without
/// send_resolved so the log is cleared.
public enum DedupDecision {
    /// True when the alerts must be sent.
    public static func needsUpdate(
        entry: NotificationLogEntry?,
        firing: Set<UInt64>,
        resolved: Set<UInt64>,
        sendResolved: Bool,
        repeatInterval: Duration,
        now: Date
    ) -> Bool {
        guard let entry else { return !firing.isEmpty }
        if !firing.isSubset(of: Set(entry.firingAlerts)) { return true }
        if firing.isEmpty { return !entry.firingAlerts.isEmpty }
        if sendResolved && !resolved.isSubset(of: Set(entry.resolvedAlerts)) { return true }
        return entry.timestamp < now.addingTimeInterval(-repeatInterval.seconds)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}
