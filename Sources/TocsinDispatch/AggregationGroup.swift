import Foundation
import TocsinConfig
import TocsinModel

/// One aggregation group's alerts and timer (dispatch.go `aggrGroup`), as a value state machine: its methods
/// say when the group's next tick is due and what a tick flushes; the dispatcher arms the shared
/// `TimerScheduler` and runs the notification pipeline.
///
/// The timing is Alertmanager 0.25's:
/// - a new group ticks first after `group_wait`;
/// - until the first tick, inserting an alert whose `startsAt + group_wait` is before now makes the group tick
///   at once (so a group of old alerts does not wait again, e.g. after a reload);
/// - each tick re-arms the timer for `group_interval` before flushing, so ticks are periodic and keep coming
///   whether or not anything changed, even while the group is empty;
/// - a tick that comes due while the previous flush is still being delivered waits for it, then fires at once
///   (Go's aggregation-group goroutine blocks in the flush and picks up the buffered timer afterwards);
/// - after a successful flush, resolved alerts are removed unless they were updated since the flush; after
///   a failed one nothing is removed and the next tick sends them again.
///
/// repeat_interval is not enforced here: the tick always flushes and the notifier's dedup stage compares
/// against the nflog (notify.go `DedupStage.needsUpdate`), so `repeatInterval` is only carried to the job.
public struct AggregationGroup: Sendable {
    /// What a tick produced for the pipeline: the group's alerts as of the tick.
    public struct Flush: Sendable, Hashable {
        /// Distinguishes this flush from every other of the dispatcher, so a late acknowledgement of an old
        /// flush is ignored.
        public let sequence: UInt64
        /// The tick time (Alertmanager's `notify.Now`).
        public let time: Date
        /// Copies of the alerts, sorted by `AlertOrder`; an alert still firing at `time` has `endsAt` cleared, so
        /// it cannot turn resolved while the notification is under way.
        public let alerts: [Alert]
    }

    /// What a tick did.
    public enum TickOutcome: Sendable, Hashable {
        /// The previous flush is still being delivered; the tick runs when it completes.
        case deferred
        /// Nothing to flush (the group is empty); the next tick is at the date.
        case idle(nextTick: Date)
        /// The group flushed; the next tick is at the date.
        case flush(Flush, nextTick: Date)
    }

    /// The group's identity under the current config.
    public let id: GroupID
    /// `routeKey:groupLabels`, the key of webhook payloads and nflog entries.
    public let key: GroupKey
    /// The grouping labels' values.
    public let labels: LabelSet
    /// The route's receiver.
    public let receiver: String
    /// The route's group_wait, in seconds: the delay before the first tick.
    public let groupWait: Foundation.TimeInterval
    /// The route's group_interval, in seconds: the period of the ticks after the first.
    public let groupInterval: Foundation.TimeInterval
    /// The route's repeat interval, handed on to the notifier's dedup stage.
    public let repeatInterval: PrometheusDuration
    /// The alerts, by fingerprint, as last received.
    public private(set) var alerts: [Fingerprint: Alert] = [:]
    /// Whether the group has ticked at least once (Alertmanager's `hasFlushed`).
    public private(set) var hasFlushed = false
    /// When the group ticks next; nil while a due tick waits for the flush in flight.
    public private(set) var nextTick: Date?
    private var inFlight: (sequence: UInt64, resolved: [(Fingerprint, Date?)])?

    /// A new group for `route`, created at `now` for its first alert; it ticks first at `now + group_wait`.
    public init(id: GroupID, labels: LabelSet, route: Route, at now: Date) {
        self.id = id
        self.labels = labels
        key = GroupKey(routeKey: route.key, groupLabels: labels)
        receiver = route.receiver
        groupWait = route.groupWait.seconds
        groupInterval = route.groupInterval.seconds
        repeatInterval = route.repeatInterval
        nextTick = now.addingTimeInterval(groupWait)
    }

    /// Whether the group holds no alerts; the dispatcher's periodic cleanup deletes such groups.
    public var isEmpty: Bool { alerts.isEmpty }

    /// Whether a flush of this group is being delivered.
    public var isFlushing: Bool { inFlight != nil }

    /// The sequence number of the flush being delivered, if any.
    public var flushInFlight: UInt64? { inFlight?.sequence }

    /// Adds or replaces an alert. Returns the new tick date when the insert moved the timer, else nil.
    // dispatch.go insert: before the first flush, an alert whose group_wait is already over flushes the group now.
    public mutating func insert(_ alert: Alert, at now: Date) -> Date? {
        insert(alert, fingerprint: alert.fingerprint, at: now)
    }

    /// `insert(_:at:)` for a caller that already computed the fingerprint.
    mutating func insert(_ alert: Alert, fingerprint: Fingerprint, at now: Date) -> Date? {
        alerts[fingerprint] = alert
        let startsAt = alert.startsAt ?? .distantPast
        guard !hasFlushed, startsAt.addingTimeInterval(groupWait) < now else { return nil }
        nextTick = now
        return now
    }

    /// Runs a due tick at `now`. `sequence` names the flush, if there is one.
    public mutating func tick(at now: Date, sequence: UInt64) -> TickOutcome {
        guard inFlight == nil else {
            nextTick = nil
            return .deferred
        }
        let next = now.addingTimeInterval(groupInterval)
        nextTick = next
        hasFlushed = true
        guard !alerts.isEmpty else {
            return .idle(nextTick: next)
        }
        var copies: [AlertOrder.SortKey] = []
        copies.reserveCapacity(alerts.count)
        var resolved: [(Fingerprint, Date?)] = []
        for (fingerprint, alert) in alerts {
            var copy = alert
            if alert.isResolved(at: now) {
                resolved.append((fingerprint, alert.updatedAt))
            } else {
                copy.endsAt = nil
            }
            copies.append(AlertOrder.SortKey(copy))
        }
        copies.sort()
        inFlight = (sequence, resolved)
        return .flush(Flush(sequence: sequence, time: now, alerts: copies.map(\.alert)), nextTick: next)
    }

    /// Records the outcome of the flush `sequence` (ignored if it is not the one in flight). Returns the date
    /// of a tick that was deferred behind this flush (then `now`), else nil.
    public mutating func completeFlush(_ sequence: UInt64, succeeded: Bool, at now: Date) -> Date? {
        guard let flight = inFlight, flight.sequence == sequence else { return nil }
        inFlight = nil
        if succeeded {
            // Only delete what was not re-sent since the flush (dispatch.go flush, `got.UpdatedAt == a.UpdatedAt`).
            for (fingerprint, updatedAt) in flight.resolved where alerts[fingerprint]?.updatedAt == updatedAt {
                alerts[fingerprint] = nil
            }
        }
        guard nextTick == nil else { return nil }
        nextTick = now
        return now
    }
}
