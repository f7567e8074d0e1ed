import Foundation
import Notify
import TocsinModel
import TocsinTemplate

/// A firing alert named `name`.
func firing(_ name: String, instance: String = "a") -> NotifiedAlert {
    NotifiedAlert(labels: ["alertname": name, "instance": instance], startsAt: GoTime(seconds: 1_700_000_000, nanoseconds: 0))
}

/// An alert named `name` that ended at `end`.
func resolved(_ name: String, instance: String = "a", at end: Date) -> NotifiedAlert {
    var alert = firing(name, instance: instance)
    let seconds = end.timeIntervalSince1970.rounded(.down)
    alert.endsAt = GoTime(seconds: Int64(seconds), nanoseconds: 0)
    return alert
}

/// A job for receiver "team" with a 4h repeat interval and a deadline `deadline` seconds after `now`.
func job(_ alerts: [NotifiedAlert], now: Date, deadline: TimeInterval = 300) -> NotificationJob {
    NotificationJob(
        id: "job-1", receiver: "team", groupKey: "{}:{alertname=\"A\"}", groupLabels: ["alertname": "A"], alerts: alerts,
        repeatInterval: .seconds(4 * 3600), deadline: now.addingTimeInterval(deadline))
}
