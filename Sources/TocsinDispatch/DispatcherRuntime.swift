import Foundation
import TocsinConfig
import TocsinModel
import WakeSignal

/// The live owner of a `Dispatcher`: one loop that sleeps until the dispatcher's next deadline (or until an
/// ingest, reload or acknowledgement wakes it), advances it to the wall clock and hands every job to the
/// notifier serving its receiver.
///
/// All mutation of the dispatcher happens on this actor, so the API's reads and the pipeline's ticks see one
/// consistent state. A job whose hand-off fails transiently is resent until its deadline; after that it is
/// acknowledged as failed, as Alertmanager counts a flush whose context expired.
///
/// In a cluster, no group flushes before the cluster has settled (alerts are accepted and grouped
/// meanwhile; groups whose group_wait passed flush together once it has), and every flush's deadline
/// carries this node's current peer wait.
public actor DispatcherRuntime {
    private var dispatcher: Dispatcher
    private let sender: any NotificationJobSender
    private let retryDelay: Duration
    private let now: @Sendable () -> Date
    private let wakeSignal = WakeSignal()
    private var inFlight = 0
    private var replica = SilenceReplica()
    private var onCollected: (@Sendable ([Fingerprint]) async -> Void)?
    private var processingSeconds: Double = 0
    private var processedAlerts: UInt64 = 0
    private let cluster: (any ClusterMembership)?
    /// Whether flushing has started (at once on a single node, after settling in a cluster).
    public private(set) var flushing = false

    /// A runtime over `dispatcher`; `retryDelay` spaces resends of a job whose hand-off failed. With a
    /// `cluster`, flushing waits for it to settle and deadlines include its peer wait.
    public init(
        dispatcher: Dispatcher,
        sender: any NotificationJobSender,
        cluster: (any ClusterMembership)? = nil,
        retryDelay: Duration = .milliseconds(500),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.dispatcher = dispatcher
        self.sender = sender
        self.cluster = cluster
        self.retryDelay = retryDelay
        self.now = now
    }

    /// Runs the pipeline until the calling task is cancelled.
    public func run() async {
        if let cluster {
            // notify.go GossipSettleStage: nothing is sent before gossip has settled.
            await cluster.waitUntilSettled()
        }
        flushing = true
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                let current = now()
                if let cluster {
                    dispatcher.setPeerWait(cluster.peerWait)
                }
                let jobs = dispatcher.advance(to: current)
                for job in jobs {
                    inFlight += 1
                    group.addTask { await self.deliver(job) }
                }
                let collected = dispatcher.takeCollected()
                if !collected.isEmpty, let onCollected {
                    group.addTask { await onCollected(collected) }
                }
                await sleepUntilNextDeadline()
            }
            group.cancelAll()
        }
    }

    /// Validates, defaults and stores a posted alert (see `Dispatcher.ingest`), wakes the loop and returns the
    /// stored version (merged with any earlier one): what the state store must persist.
    @discardableResult
    public func ingest(_ alert: Alert) throws(AlertValidationError) -> Alert {
        let started = ContinuousClock.now
        defer { recordProcessing(since: started) }
        try dispatcher.ingest(alert, at: now())
        wakeSignal.signal()
        return dispatcher.store[alert.labels.removingEmptyValues().fingerprint] ?? alert
    }

    /// Ingests a POSTed batch best-effort, as Alertmanager does: valid alerts are stored even when others
    /// fail. Returns the stored versions of the valid ones and the errors of the others, in order.
    public func ingest(_ alerts: [Alert]) -> (stored: [Alert], errors: [AlertValidationError]) {
        var stored: [Alert] = []
        var errors: [AlertValidationError] = []
        for alert in alerts {
            do {
                stored.append(try ingest(alert))
            } catch {
                errors.append(error)
            }
        }
        return (stored, errors)
    }

    /// Stores already ingested alerts (a replay from the state store) and wakes the loop.
    public func put(_ alerts: [Alert]) {
        let current = now()
        for alert in alerts {
            let started = ContinuousClock.now
            dispatcher.put(alert, at: current)
            recordProcessing(since: started)
        }
        wakeSignal.signal()
    }

    /// Switches to a new config (see `Dispatcher.reload`) and wakes the loop.
    public func reload(_ config: AlertmanagerConfig) {
        dispatcher.reload(config, at: now())
        wakeSignal.signal()
    }

    /// Sets what is told the fingerprints of garbage-collected alerts (the daemon removes them from the state
    /// store; it must re-persist any that came back meanwhile, see `storedAlerts(_:)`).
    public func setCollectedHandler(_ handler: @escaping @Sendable ([Fingerprint]) async -> Void) {
        onCollected = handler
    }

    /// The stored versions of those of `fingerprints` the dispatcher holds now.
    public func storedAlerts(_ fingerprints: [Fingerprint]) -> [Alert] {
        fingerprints.compactMap { dispatcher.store[$0] }
    }

    /// Replaces the silence matcher used from the next flush and API read on.
    public func setSilences(_ silences: any SilenceMatcher) {
        dispatcher.silences = silences
    }

    /// Applies changes to the local silence replica and makes it the dispatcher's silence matcher.
    public func updateSilences(_ change: (inout SilenceReplica) -> Void) {
        // Drop the dispatcher's reference first, so the replica is uniquely referenced and mutates in place.
        dispatcher.silences = SilenceList()
        change(&replica)
        dispatcher.silences = replica
    }

    /// Whether the replica holds the silence `id` (used to answer a POST only once it is in force).
    public func replicaHolds(_ id: String) -> Bool {
        replica[id] != nil
    }

    /// The config in force.
    public var config: AlertmanagerConfig { dispatcher.config }

    /// Counts for `/metrics`, computed now (one pass over the stored alerts and one over the marker).
    public func statistics() -> DispatcherStatistics {
        var statistics = DispatcherStatistics()
        let current = now()
        for state in AlertState.allCases {
            statistics.alertsByState[state] = 0
            statistics.markedByState[state] = dispatcher.marker.count(state)
        }
        for alert in dispatcher.store.all where !alert.isResolved(at: current) {
            statistics.alertsByState[dispatcher.marker.status(of: alert.fingerprint).state, default: 0] += 1
        }
        statistics.aggregationGroups = dispatcher.groups.count
        statistics.processingSeconds = processingSeconds
        statistics.processedAlerts = processedAlerts
        return statistics
    }

    private func recordProcessing(since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        processingSeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        processedAlerts += 1
    }

    /// Number of jobs handed off and not yet acknowledged.
    public var jobsInFlight: Int { inFlight }

    /// Every stored alert with its freshly computed status and the receivers its routes name (duplicates kept,
    /// as Alertmanager lists them), as the API lists
    /// them (statuses are recomputed first, as Alertmanager's GET does).
    public func alertsWithStatus() -> [(alert: Alert, status: AlertMarkerStatus, receivers: [String])] {
        let current = now()
        return dispatcher.store.all.map { alert in
            let status = dispatcher.refreshStatus(of: alert.labels, at: current)
            var receivers: [String] = []
            for route in dispatcher.routingTree.match(alert.labels) {
                receivers.append(route.receiver)
            }
            return (alert, status, receivers)
        }
    }

    /// Every aggregation group with its alerts (sorted as Alertmanager lists them) and their freshly computed
    /// statuses, for `GET /api/v2/alerts/groups`; groups are in no particular order.
    public func groupsWithStatus() -> [(labels: LabelSet, receiver: String, alerts: [(alert: Alert, status: AlertMarkerStatus)])] {
        let current = now()
        return dispatcher.groups.values.map { group in
            let alerts = group.alerts.values.sorted(by: AlertOrder.areInIncreasingOrder).map { alert in
                (alert, dispatcher.refreshStatus(of: alert.labels, at: current))
            }
            return (group.labels, group.receiver, alerts)
        }
    }

    /// Sleeps until the next deadline or a wake-up, whichever comes first (a wake-up given meanwhile returns
    /// at once).
    private func sleepUntilNextDeadline() async {
        let delay = dispatcher.nextDeadline.map { max(0, $0.timeIntervalSince(now())) } ?? 3600
        await wakeSignal.wait(until: ContinuousClock.now + .milliseconds(Int(delay * 1000) + 1))
    }

    private func deliver(_ job: NotificationJob) async {
        var succeeded = false
        while !Task.isCancelled {
            switch await sender.send(job) {
            case .delivered(let outcome):
                succeeded = outcome
            case .retry:
                if now() < job.deadline {
                    try? await Task.sleep(for: retryDelay)
                    continue
                }
            }
            break
        }
        acknowledge(job, succeeded: succeeded)
    }

    private func acknowledge(_ job: NotificationJob, succeeded: Bool) {
        inFlight -= 1
        dispatcher.acknowledge(job.id, succeeded: succeeded, at: now())
        wakeSignal.signal()
    }
}
