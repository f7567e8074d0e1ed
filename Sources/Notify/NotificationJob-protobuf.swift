import Foundation
import SwiftProtobuf
import TocsinModel
import TocsinTemplate
import TocsinWire

extension NotificationJob {
    /// The job a `Deliver` request carries. A missing deadline leaves `fallbackDeadline`.
    ///
    /// An alert not resolved at `flushed_at` loses its end, as Alertmanager's flush zeroes it so that alerts
    /// do not resolve while the notification is retried (dispatch.go `flush`).
    public init(deliver: Tocsin_Notify_V1_Deliver, fallbackDeadline: Date) {
        let flushedAt = deliver.hasFlushedAt ? Self.date(deliver.flushedAt) : nil
        self.init(
            id: deliver.jobID,
            receiver: deliver.receiver,
            groupKey: deliver.groupKey,
            groupLabels: LabelSet(pairs: deliver.groupLabels.map { ($0.name, $0.value) }),
            alerts: deliver.alerts.map { stored in
                var alert = NotifiedAlert(stored: stored)
                if let flushedAt, !alert.isResolved(at: flushedAt) { alert.endsAt = nil }
                return alert
            },
            repeatInterval: .milliseconds(deliver.repeatIntervalMilliseconds),
            deadline: deliver.hasDeadline ? Self.date(deliver.deadline) : fallbackDeadline
        )
    }

    static func date(_ timestamp: Google_Protobuf_Timestamp) -> Date {
        Date(timeIntervalSince1970: Double(timestamp.seconds) + Double(timestamp.nanos) / 1e9)
    }
}

extension NotifiedAlert {
    /// The alert a stored alert describes; an absent or zero `ends_at` means firing.
    public init(stored: Tocsin_State_V1_StoredAlert) {
        let zero = GoTime.zero
        var endsAt: GoTime?
        if stored.hasEndsAt, stored.endsAt.seconds != zero.seconds || stored.endsAt.nanos != 0 {
            endsAt = GoTime(seconds: stored.endsAt.seconds, nanoseconds: stored.endsAt.nanos)
        }
        self.init(
            labels: LabelSet(pairs: stored.labels.map { ($0.name, $0.value) }),
            annotations: LabelSet(pairs: stored.annotations.map { ($0.name, $0.value) }),
            startsAt: stored.hasStartsAt ? GoTime(seconds: stored.startsAt.seconds, nanoseconds: stored.startsAt.nanos) : zero,
            endsAt: endsAt,
            generatorURL: stored.generatorURL
        )
    }
}
