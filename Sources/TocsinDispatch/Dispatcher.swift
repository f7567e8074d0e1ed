import Foundation
import TocsinConfig
import TocsinModel

/// The socket-free core of `tocsin-dispatcher`: the alert store, marker, inhibitor, routing tree and
/// aggregation groups of one config, driven by explicit times so it makes exactly Alertmanager 0.25's
/// notification decisions under a real clock or a manual one.
///
/// The owner feeds alerts (`ingest` / `put`), sleeps until `nextDeadline`, calls `advance(to:)` and hands each
/// returned `NotificationJob` to the notifier serving its receiver; when the notifier reports the outcome it
/// calls `acknowledge(_:succeeded:at:)` and then `advance(to:)` again, since an acknowledgement may release a
/// tick that was waiting for the flush. Nothing here reads a clock, sleeps or spawns tasks, so 100k groups
/// are 100k values and one heap.
public struct Dispatcher: Sendable {
    /// Every alert received and not yet collected; survives reloads.
    public private(set) var store = AlertStore()
    /// Per-alert mute status; survives reloads.
    public internal(set) var marker = Marker()
    /// The current config's inhibit rules over the stored alerts.
    public private(set) var inhibitor: Inhibitor
    /// Where silences are looked up at each flush; the daemon swaps in its replica's index.
    public var silences: any SilenceMatcher
    /// Command-line knobs; `peerWait` follows the cluster (``setPeerWait(_:)``).
    public private(set) var options: DispatcherOptions
    /// The config in force.
    public private(set) var config: AlertmanagerConfig
    /// The aggregation groups of the current config, including empty ones awaiting cleanup.
    public private(set) var groups: [GroupID: AggregationGroup] = [:]
    /// The resolved routing tree of `config`.
    public private(set) var routingTree: Route
    private(set) var routes: [Route] = []
    private var routeIndexes: [ObjectIdentifier: Int] = [:]
    private(set) var timeIntervals: [String: NamedTimeInterval] = [:]
    private var scheduler = TimerScheduler<DispatcherTimer>()
    private var lastSequence: UInt64 = 0
    private var collected: [Fingerprint] = []

    /// A dispatcher for `config` started at `now`, with no alerts. Both periodic intervals in `options` must be
    /// positive.
    public init(
        config: AlertmanagerConfig,
        silences: any SilenceMatcher = SilenceList(),
        options: DispatcherOptions = DispatcherOptions(),
        at now: Date
    ) {
        precondition(options.garbageCollectionInterval > 0 && options.emptyGroupCleanupInterval > 0)
        self.config = config
        self.silences = silences
        self.options = options
        inhibitor = Inhibitor(rules: config.inhibitRules)
        routingTree = Route(config: config)
        indexRoutes()
        scheduler.schedule(.garbageCollection, at: now.addingTimeInterval(options.garbageCollectionInterval))
        scheduler.schedule(.emptyGroupCleanup, at: now.addingTimeInterval(options.emptyGroupCleanupInterval))
    }

    /// Sets the wait added to the deadline of the jobs flushed from now on: this node's position times the
    /// peer timeout, which changes as peers join and leave (dispatch.go evaluates it at every flush).
    public mutating func setPeerWait(_ wait: Foundation.TimeInterval) {
        options.peerWait = max(0, wait)
    }

    /// When `advance(to:)` next has something to do.
    public var nextDeadline: Date? { scheduler.nextDeadline }

    /// Accepts an alert as POSTed to the API: applies the ingestion defaults (`startsAt`, `endsAt` from
    /// global.resolve_timeout, empty labels dropped), validates it with Alertmanager's messages and stores it.
    /// An invalid alert is not stored.
    public mutating func ingest(_ posted: Alert, at now: Date) throws(AlertValidationError) {
        let alert = posted.ingested(at: now, resolveTimeout: config.global.resolveTimeout.seconds)
        try alert.validate()
        put(alert, at: now)
    }

    /// Stores an already ingested and validated alert (from the API or a state-store replay) and routes the
    /// stored version into its aggregation groups, creating groups as needed.
    public mutating func put(_ alert: Alert, at now: Date) {
        let fingerprint = alert.fingerprint
        let stored = store.put(alert, fingerprint: fingerprint, at: now)
        inhibitor.observe(stored, fingerprint: fingerprint)
        route(stored, fingerprint: fingerprint, at: now)
    }

    /// Runs every timer due at `now`: group ticks (returning the jobs of groups that flushed something
    /// unmuted), the empty-group cleanup and the store's garbage collection.
    public mutating func advance(to now: Date) -> [NotificationJob] {
        var jobs: [NotificationJob] = []
        while let (timer, _) = scheduler.popNext(dueAt: now) {
            switch timer {
            case .group(let id):
                if let job = tick(id, at: now) {
                    jobs.append(job)
                }
            case .flushDeadline(let id):
                // dispatch.go: the notification context expires, the pipeline returns an error, the flush failed.
                if let sequence = groups[id]?.flushInFlight {
                    acknowledge(NotificationJob.ID(group: id, sequence: sequence), succeeded: false, at: now)
                }
            case .emptyGroupCleanup:
                deleteEmptyGroups()
                scheduler.schedule(.emptyGroupCleanup, at: now.addingTimeInterval(options.emptyGroupCleanupInterval))
            case .garbageCollection:
                collectGarbage(at: now)
                scheduler.schedule(.garbageCollection, at: now.addingTimeInterval(options.garbageCollectionInterval))
            }
        }
        return jobs
    }

    /// Records the outcome of a job's delivery. Success lets the group drop the resolved alerts it sent;
    /// failure keeps them for the next tick. Outcomes of flushes from before a reload, or after the job's deadline
    /// (when the dispatcher has already counted the flush as failed, as Alertmanager's expired context does),
    /// are ignored.
    public mutating func acknowledge(_ id: NotificationJob.ID, succeeded: Bool, at now: Date) {
        guard groups[id.group]?.flushInFlight == id.sequence else { return }
        scheduler.cancel(.flushDeadline(id.group))
        if let due = groups[id.group]?.completeFlush(id.sequence, succeeded: succeeded, at: now) {
            scheduler.schedule(.group(id.group), at: due)
        }
    }

    /// Switches to a new config as Alertmanager's reload does: every aggregation group is discarded (with its
    /// flush in flight), the inhibitor is rebuilt, and every stored alert is routed again, so groups restart
    /// their group_wait, and ones holding alerts older than group_wait flush at once. Store and marker are kept.
    public mutating func reload(_ newConfig: AlertmanagerConfig, at now: Date) {
        config = newConfig
        routingTree = Route(config: newConfig)
        indexRoutes()
        inhibitor = Inhibitor(rules: newConfig.inhibitRules)
        scheduler.cancelAll { timer in
            switch timer {
            case .group, .flushDeadline: true
            case .emptyGroupCleanup, .garbageCollection: false
            }
        }
        groups = [:]
        scheduler.schedule(.emptyGroupCleanup, at: now.addingTimeInterval(options.emptyGroupCleanupInterval))
        let alerts = store.all
        for alert in alerts {
            inhibitor.observe(alert)
        }
        for alert in alerts {
            route(alert, fingerprint: alert.fingerprint, at: now)
        }
    }

    /// Recomputes an alert's status as the API does before listing it (inhibition, then silences, both always
    /// evaluated) and returns it.
    public mutating func refreshStatus(of labels: LabelSet, at now: Date) -> AlertMarkerStatus {
        let fingerprint = labels.fingerprint
        _ = markInhibition(of: labels, fingerprint: fingerprint, at: now)
        _ = markSilences(of: labels, fingerprint: fingerprint, at: now)
        return marker.status(of: fingerprint)
    }

    private mutating func indexRoutes() {
        timeIntervals = config.namedTimeIntervals
        routes = []
        routingTree.walk { routes.append($0) }
        routeIndexes = [:]
        for (index, route) in routes.enumerated() {
            routeIndexes[ObjectIdentifier(route)] = index
        }
    }

    // dispatch.go processAlert: one group per matching route and group-label fingerprint.
    private mutating func route(_ alert: Alert, fingerprint: Fingerprint, at now: Date) {
        for route in routingTree.match(alert.labels) {
            guard let routeIndex = routeIndexes[ObjectIdentifier(route)] else { continue }
            let labels = Self.groupLabels(of: alert.labels, under: route)
            let id = GroupID(routeIndex: routeIndex, fingerprint: labels.fingerprint)
            if groups[id] == nil {
                let group = AggregationGroup(id: id, labels: labels, route: route, at: now)
                groups[id] = group
                if let first = group.nextTick {
                    scheduler.schedule(.group(id), at: first)
                }
            }
            if let moved = groups[id]?.insert(alert, fingerprint: fingerprint, at: now) {
                scheduler.schedule(.group(id), at: moved)
            }
        }
    }

    /// `Route.groupLabels(of:)` without building a set per alert: group_by lists are short.
    private static func groupLabels(of labels: LabelSet, under route: Route) -> LabelSet {
        if route.groupByAll {
            return labels
        }
        return LabelSet(labels: labels.filter { label in route.groupBy.contains { $0.goEqual(label.name) } })
    }

    private mutating func tick(_ id: GroupID, at now: Date) -> NotificationJob? {
        lastSequence += 1
        guard let outcome = groups[id]?.tick(at: now, sequence: lastSequence) else { return nil }
        switch outcome {
        case .deferred:
            return nil
        case .idle(let next):
            scheduler.schedule(.group(id), at: next)
            return nil
        case .flush(let flush, let next):
            scheduler.schedule(.group(id), at: next)
            let route = routes[id.routeIndex]
            let unmuted = unmutedAlerts(flush.alerts, route: route, at: flush.time)
            let jobID = NotificationJob.ID(group: id, sequence: flush.sequence)
            guard !unmuted.isEmpty, let group = groups[id] else {
                // notify.go MultiStage: a pipeline whose alerts were all muted stops early and succeeds.
                acknowledge(jobID, succeeded: true, at: now)
                return nil
            }
            // dispatch.go: the notification context lasts max(group_interval, notify.MinTimeout) + peer wait.
            let deadline = flush.time.addingTimeInterval(max(group.groupInterval, 10) + options.peerWait)
            scheduler.schedule(.flushDeadline(id), at: deadline)
            return NotificationJob(
                id: jobID,
                receiver: group.receiver,
                groupKey: group.key,
                groupLabels: group.labels,
                alerts: unmuted,
                repeatInterval: group.repeatInterval,
                flushedAt: flush.time,
                deadline: deadline
            )
        }
    }

    private mutating func deleteEmptyGroups() {
        let empty = groups.values.filter(\.isEmpty).map(\.id)
        for id in empty {
            groups[id] = nil
            scheduler.cancel(.group(id))
            scheduler.cancel(.flushDeadline(id))
        }
    }

    /// The fingerprints of the alerts garbage-collected since the last call: the owner removes them from
    /// durable storage, so a restart does not bring back alerts the dispatcher already dropped.
    public mutating func takeCollected() -> [Fingerprint] {
        defer { collected = [] }
        return collected
    }

    private mutating func collectGarbage(at now: Date) {
        for alert in store.collectGarbage(at: now) {
            collected.append(alert.fingerprint)
            marker.delete(alert.fingerprint)
            inhibitor.forget(alert.fingerprint)
        }
    }
}
