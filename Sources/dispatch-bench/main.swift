import Foundation
import TocsinConfig
import TocsinDispatch
import TocsinModel

// Ingests 100k alerts into ~1k aggregation groups and flushes them all, printing ns per alert, µs per flushed
// group and the resident-memory growth. Run with `swift run -c release dispatch-bench [alerts] [groups]`.

func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    }
    return 0
}

let arguments = CommandLine.arguments
let alertCount = arguments.count > 1 ? Int(arguments[1]) ?? 100_000 : 100_000
let groupCount = arguments.count > 2 ? Int(arguments[2]) ?? 1_000 : 1_000

let config = try AlertmanagerConfig.load(
    """
    route:
      receiver: default
      group_by: [alertname]
      group_wait: 30s
      group_interval: 5m
      routes:
      - matchers: ['severity="critical"']
        receiver: pager
        continue: true
    receivers:
    - name: default
    - name: pager
    inhibit_rules:
    - source_matchers: ['severity="critical"']
      target_matchers: ['severity="warning"']
      equal: [cluster]
    """)

let start = Date(timeIntervalSince1970: 1_700_000_000)
let alerts = (0..<alertCount).map { index in
    Alert(
        labels: [
            "alertname": "Alert\(index % groupCount)",
            "instance": "host-\(index).example.com:9100",
            "job": "node",
            "cluster": "c\(index % 7)",
            "severity": index % 10 == 0 ? "critical" : "warning",
        ],
        annotations: ["summary": "instance \(index) is down"]
    ).ingested(at: start, resolveTimeout: 300)
}

let memoryBefore = residentKilobytes()
var dispatcher = Dispatcher(config: config, at: start)
let clock = ContinuousClock()
let ingestTime = clock.measure {
    for alert in alerts {
        dispatcher.put(alert, at: start)
    }
}
let memoryAfter = residentKilobytes()
let groupsFlushed = dispatcher.groups.count
var jobs: [NotificationJob] = []
let flushTime = clock.measure {
    jobs = dispatcher.advance(to: start.addingTimeInterval(30))
}
let reingestTime = clock.measure {
    for alert in alerts {
        dispatcher.put(alert, at: start.addingTimeInterval(31))
    }
}

func nanoseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1e9 + Double(duration.components.attoseconds) / 1e9
}
let notified = jobs.reduce(0) { $0 + $1.alerts.count }
print("alerts: \(alertCount), groups: \(dispatcher.groups.count), jobs: \(jobs.count), alerts notified: \(notified)")
print(String(format: "ingest (new alerts): %.0f ns/alert", nanoseconds(ingestTime) / Double(alertCount)))
print(String(format: "re-ingest (merge into existing): %.0f ns/alert", nanoseconds(reingestTime) / Double(alertCount)))
print(String(format: "flush of every group (sort, inhibit, silence, job): %.1f µs/group, %.0f ns/alert",
    nanoseconds(flushTime) / 1000 / Double(max(groupsFlushed, 1)), nanoseconds(flushTime) / Double(alertCount)))
print("resident memory growth for the store, groups and indexes: \(memoryAfter - memoryBefore) KiB (\((memoryAfter - memoryBefore) * 1024 / max(alertCount, 1)) B/alert)")
