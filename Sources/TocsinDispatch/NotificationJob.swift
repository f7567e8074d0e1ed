import Foundation
import TocsinConfig
import TocsinModel

/// What one aggregation-group flush asks the notifier serving `receiver` to deliver, after inhibition, the
/// route's time intervals and silences have been applied (the part of Alertmanager's pipeline before the
/// fan-out). The notifier runs wait, dedup against the nflog, retry and logging, then acknowledges the job
/// with `Dispatcher.acknowledge(_:succeeded:at:)`.
public struct NotificationJob: Sendable, Hashable {
    /// Names the flush; echo it in the acknowledgement.
    public struct ID: Sendable, Hashable {
        /// The group that flushed.
        public let group: GroupID
        /// The flush's dispatcher-wide sequence number.
        public let sequence: UInt64
    }

    /// Names the flush this job delivers.
    public let id: ID
    /// The receiver to notify.
    public let receiver: String
    /// The group key (nflog key, webhook `groupKey`).
    public let groupKey: GroupKey
    /// The group's labels (webhook `groupLabels`).
    public let groupLabels: LabelSet
    /// The unmuted alerts, firing (with `endsAt` cleared) and resolved, in Alertmanager's order.
    public let alerts: [Alert]
    /// The route's repeat_interval, for the dedup stage.
    public let repeatInterval: PrometheusDuration
    /// The tick time (`notify.Now`): templates, dedup and the nflog use it.
    public let flushedAt: Date
    /// When delivery must give up: the tick plus max(group_interval, 10s) plus the configured peer wait.
    public let deadline: Date
}
