import Foundation
import TocsinConfig
import TocsinDispatch
import TocsinModel

/// Drives a dispatcher on a manual clock the way the daemon does (sleep to the next deadline, advance,
/// deliver, acknowledge), with a model of the notifier's dedup stage (notify.go `DedupStage.needsUpdate`)
/// so tests can state what Alertmanager's acceptance tests state: which batches reach a webhook, and when.
struct DispatcherHarness {
    struct Delivery {
        var time: Double
        var job: NotificationJob
    }

    private struct LogEntry {
        var firing: Set<UInt64>
        var resolved: Set<UInt64>
        var timestamp: Date
    }

    var dispatcher: Dispatcher
    /// Every job the dispatcher produced, with its flush time.
    var jobs: [Delivery] = []
    /// The jobs that passed dedup: what a webhook would receive.
    var sent: [Delivery] = []
    /// Whether the notifier reports success for a job.
    var succeeds: (NotificationJob) -> Bool = { _ in true }
    var sendResolved = true
    private var log: [String: LogEntry] = [:]

    init(_ yaml: String, silences: SilenceList = SilenceList()) throws {
        dispatcher = Dispatcher(config: try loadConfig(yaml), silences: silences, at: at(0))
    }

    /// Runs every deadline up to and including `end`.
    mutating func run(until end: Double) {
        while let next = dispatcher.nextDeadline, next <= at(end) {
            for job in dispatcher.advance(to: next) {
                let time = next.timeIntervalSince1970 - at(0).timeIntervalSince1970
                jobs.append(Delivery(time: time, job: job))
                let success = succeeds(job)
                if success, deliver(job) {
                    sent.append(Delivery(time: time, job: job))
                }
                dispatcher.acknowledge(job.id, succeeded: success, at: next)
            }
        }
    }

    /// Runs up to `time`, then posts the alerts through the API ingestion path.
    mutating func post(_ alerts: Alert..., at time: Double) throws {
        run(until: time)
        for alert in alerts {
            try dispatcher.ingest(alert, at: at(time))
        }
    }

    /// What `sent` holds at `time` (±1ms), as alertname plus its start and end (seconds, nil when firing).
    func batch(at time: Double) -> [String]? {
        guard let delivery = sent.first(where: { abs($0.time - time) < 0.001 }) else { return nil }
        return delivery.job.alerts.map(Self.describe).sorted()
    }

    static func describe(_ alert: Alert) -> String {
        let start = alert.startsAt.map { $0.timeIntervalSince1970 - at(0).timeIntervalSince1970 } ?? -1
        var text = alert.labels.value(of: "alertname")
        for name in ["zone", "lbl"] where alert.labels[name] != nil {
            text += "/" + alert.labels.value(of: name)
        }
        text += String(format: "(%g", start)
        if let end = alert.endsAt {
            text += String(format: ",%g", end.timeIntervalSince1970 - at(0).timeIntervalSince1970)
        }
        return text + ")"
    }

    private mutating func deliver(_ job: NotificationJob) -> Bool {
        let key = job.groupKey.rawValue + "|" + job.receiver
        let now = job.flushedAt
        let firing = Set(job.alerts.filter { !$0.isResolved(at: now) }.map(\.hash))
        let resolved = Set(job.alerts.filter { $0.isResolved(at: now) }.map(\.hash))
        let notify: Bool
        if let entry = log[key] {
            if !firing.isSubset(of: entry.firing) {
                notify = true
            } else if firing.isEmpty {
                notify = !entry.firing.isEmpty
            } else if sendResolved, !resolved.isSubset(of: entry.resolved) {
                notify = true
            } else {
                notify = entry.timestamp < now.addingTimeInterval(-job.repeatInterval.seconds)
            }
        } else {
            notify = !firing.isEmpty
        }
        guard notify else { return false }
        log[key] = LogEntry(firing: firing, resolved: resolved, timestamp: now)
        return true
    }
}
