import Foundation
import TocsinModel

/// One notification job: the alerts of one aggregation group for one receiver, as the dispatcher hands
/// it over after inhibition, time intervals and silences.
///
/// The job is the whole input of the pipeline; nothing else about the group is needed, so a job sent
/// again (after a notifier restart) is delivered exactly as the first time.
public struct NotificationJob: Sendable, Equatable {
    public var id: String
    /// The receiver's name in the configuration.
    public var receiver: String
    /// The group key exactly as Alertmanager formats it.
    public var groupKey: String
    public var groupLabels: LabelSet
    /// The alerts in Alertmanager's order.
    public var alerts: [NotifiedAlert]
    /// The route's repeat_interval.
    public var repeatInterval: Duration
    /// Retries stop at this instant (the flush context's deadline).
    public var deadline: Date

    /// A job with every field given.
    public init(
        id: String, receiver: String, groupKey: String, groupLabels: LabelSet, alerts: [NotifiedAlert],
        repeatInterval: Duration, deadline: Date
    ) {
        self.id = id
        self.receiver = receiver
        self.groupKey = groupKey
        self.groupLabels = groupLabels
        self.alerts = alerts
        self.repeatInterval = repeatInterval
        self.deadline = deadline
    }
}
