import Foundation
import TocsinConfig
import TocsinModel

extension Dispatcher {
    /// The muting half of Alertmanager's per-receiver pipeline (notify.go `PipelineBuilder.New`), in its order:
    /// inhibition, the route's active time intervals, its mute time intervals, then silences. The marker is
    /// updated on the way, and, as in `MultiStage`, once no alert is left the later stages do not run (so an
    /// alert dropped by inhibition keeps its previous silence marks).
    ///
    /// Interval names are known to exist: config loading rejects undefined ones.
    mutating func unmutedAlerts(_ alerts: [Alert], route: Route, at now: Date) -> [Alert] {
        var remaining: [(alert: Alert, fingerprint: Fingerprint)] = []
        remaining.reserveCapacity(alerts.count)
        for alert in alerts {
            let fingerprint = alert.fingerprint
            if !markInhibition(of: alert.labels, fingerprint: fingerprint, at: now) {
                remaining.append((alert, fingerprint))
            }
        }
        if remaining.isEmpty {
            return []
        }
        // TimeActiveStage: with active intervals, outside all of them everything is dropped.
        if !route.activeTimeIntervals.isEmpty,
            !route.activeTimeIntervals.contains(where: { timeIntervals[$0]?.contains(now) == true })
        {
            return []
        }
        // TimeMuteStage: inside any mute interval everything is dropped.
        if route.muteTimeIntervals.contains(where: { timeIntervals[$0]?.contains(now) == true }) {
            return []
        }
        return remaining.filter { !markSilences(of: $0.alert.labels, fingerprint: $0.fingerprint, at: now) }.map(\.alert)
    }

    /// Decides and records whether an alert is inhibited (Inhibitor.Mutes).
    mutating func markInhibition(of labels: LabelSet, fingerprint: Fingerprint, at now: Date) -> Bool {
        let source = inhibitor.inhibitingSource(of: labels, at: now)
        marker.setInhibited(fingerprint, by: source.map { [$0.description] } ?? [])
        return source != nil
    }

    /// Decides and records whether an alert is silenced (Silencer.Mutes).
    mutating func markSilences(of labels: LabelSet, fingerprint: Fingerprint, at now: Date) -> Bool {
        let ids = silences.silencedBy(labels, at: now)
        marker.setSilenced(fingerprint, by: ids)
        return !ids.isEmpty
    }
}
