import Foundation
import StateStore
import TocsinModel

// Benchmarks for the state store (not tests): silence creation throughput with durability on, `mutes`
// with 10k silences over 100k alerts, and start-up time with 10k silences and 10k nflog entries.
// Run: swift run -c release state-bench [directory]

let base = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : NSTemporaryDirectory() + "state-bench"
try? FileManager.default.removeItem(atPath: base)

func elapsed(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let duration = ContinuousClock.now - start
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func silence(_ index: Int, now: Date) -> Silence {
    var matchers = [try! Matcher(name: "alertname", type: .equal, value: "Alert\(index % 500)")]
    switch index % 4 {
    case 0: matchers.append(try! Matcher(name: "instance", type: .equal, value: "host-\(index % 2000)"))
    case 1: matchers.append(try! Matcher(name: "instance", type: .regexp, value: "host-\(index % 100).*"))
    case 2: matchers.append(try! Matcher(name: "env", type: .notEqual, value: "dev"))
    default: matchers = [try! Matcher(name: "job", type: .regexp, value: "job-\(index % 50)|batch")]
    }
    return Silence(
        id: "", matchers: Matchers(matchers), startsAt: now, endsAt: now.addingTimeInterval(3600), updatedAt: now,
        createdBy: "bench", comment: "silence \(index)")
}

// 1. Creations per second, fsync before each acknowledgement, at several concurrency levels.
for concurrency in [1, 16, 128] {
    let directory = base + "/create-\(concurrency)"
    let store = try StateStore(configuration: StateStoreConfiguration(directory: directory))
    let total = concurrency == 1 ? 2000 : 20000
    let now = Date()
    let seconds = try await elapsed {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    for index in stride(from: worker, to: total, by: concurrency) {
                        _ = try await store.setSilence(silence(index, now: now))
                    }
                }
            }
            try await group.waitForAll()
        }
    }
    let metrics = await store.metrics()
    print(
        "create: \(concurrency) concurrent callers: \(Int(Double(total) / seconds)) silences/s"
            + " (\(total) in \(String(format: "%.2f", seconds)) s, \(metrics.logSyncsTotal) fsyncs)")
    try await store.close(snapshot: false)
}

// 2. mutes: 10k silences, 100k alerts.
do {
    let now = Date()
    var index = SilenceIndex()
    for number in 0..<10_000 {
        var value = silence(number, now: now)
        value.id = "s\(number)"
        index.insert(value)
    }
    let alerts: [LabelSet] = (0..<100_000).map { number in
        [
            "alertname": "Alert\(number % 700)", "instance": "host-\(number % 3000)", "job": "job-\(number % 80)",
            "env": number % 3 == 0 ? "dev" : "prod", "severity": "critical",
        ]
    }
    var muted = 0
    let seconds = await elapsed {
        for labels in alerts where index.mutes(labels, at: now) {
            muted += 1
        }
    }
    print(
        "mutes (SilenceIndex value): 10000 silences, 100000 alerts: \(Int(seconds * 1e9 / 100_000)) ns/alert"
            + " (\(muted) muted)")

    let directory = base + "/mutes"
    let store = try StateStore(configuration: StateStoreConfiguration(directory: directory))
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<64 {
            group.addTask {
                for number in stride(from: worker, to: 10_000, by: 64) {
                    _ = try await store.setSilence(silence(number, now: now))
                }
            }
        }
        try await group.waitForAll()
    }
    // Called from a task off the main actor, as the socket service would call it.
    let (storeSeconds, mutedThroughStore) = await Task.detached {
        var count = 0
        let seconds = await elapsed {
            for labels in alerts where await store.mutes(labels).isMuted {
                count += 1
            }
        }
        return (seconds, count)
    }.value
    print(
        "mutes (StateStore actor call): 10000 silences, 100000 alerts: \(Int(storeSeconds * 1e9 / 100_000)) ns/alert"
            + " (\(mutedThroughStore) muted)")
    try await store.close(snapshot: false)
}

// 3. Start-up with 10k silences and 10k nflog entries, from snapshots and from the log alone.
do {
    let directory = base + "/startup"
    let store = try StateStore(configuration: StateStoreConfiguration(directory: directory))
    let now = Date()
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<64 {
            group.addTask {
                for number in stride(from: worker, to: 10_000, by: 64) {
                    _ = try await store.setSilence(silence(number, now: now))
                    try await store.logNotification(
                        receiver: NotificationReceiver(groupName: "team-\(number % 20)", integration: "webhook", idx: 0),
                        groupKey: GroupKey(rawValue: "{}/{severity=\"critical\"}:{alertname=\"Alert\(number)\"}"),
                        firingAlerts: [UInt64(number), UInt64(number + 1)], resolvedAlerts: [], expiry: 7200)
                }
            }
        }
        try await group.waitForAll()
    }
    try await store.close(snapshot: false)
    var recovered: RecoveryReport?
    let fromLog = try await elapsed {
        let reopened = try StateStore(configuration: StateStoreConfiguration(directory: directory))
        recovered = reopened.recovery
        try await reopened.close()
    }
    print(
        "start-up from log only: \(recovered?.logRecordsReplayed ?? 0) records: \(Int(fromLog * 1000)) ms"
            + " (including the closing snapshot)")
    let start = ContinuousClock.now
    let reopened = try StateStore(configuration: StateStoreConfiguration(directory: directory))
    let fromSnapshot = ContinuousClock.now - start
    let report = reopened.recovery
    print(
        "start-up from snapshots: \(report.silencesFromSnapshot) silences + \(report.notificationsFromSnapshot)"
            + " nflog entries: \(fromSnapshot.components.seconds * 1000 + fromSnapshot.components.attoseconds / 1_000_000_000_000_000) ms")
    try await reopened.close(snapshot: false)
}
try? FileManager.default.removeItem(atPath: base)
