import Foundation
import StateStore
import TocsinModel

// Writes an Alertmanager-format storage directory (`silences` and `nflog` snapshots) for benchmarks: both
// real Alertmanager 0.25 and Tocsin start on copies of it.
// Run: bench-fixture <directory> <silences> <nflog-entries>

let arguments = CommandLine.arguments
guard arguments.count == 4, let silenceCount = Int(arguments[2]), let entryCount = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: bench-fixture <directory> <silences> <nflog-entries>\n".utf8))
    exit(2)
}
let directory = arguments[1]
try? FileManager.default.removeItem(atPath: directory)
let store = try StateStore(configuration: StateStoreConfiguration(directory: directory))
let now = Date()

// Silences: one to three matchers each, as operators write them; active for a day.
try await withThrowingTaskGroup(of: Void.self) { group in
    for worker in 0..<64 {
        group.addTask {
            for index in stride(from: worker, to: silenceCount, by: 64) {
                var matchers = [try Matcher(name: "alertname", type: .equal, value: "Alert\(index % 500)")]
                if index % 3 == 0 { matchers.append(try Matcher(name: "instance", type: .regexp, value: "host-\(index % 100).*")) }
                if index % 5 == 0 { matchers.append(try Matcher(name: "env", type: .notEqual, value: "dev")) }
                let silence = Silence(
                    id: "", matchers: Matchers(matchers), startsAt: now, endsAt: now.addingTimeInterval(86_400),
                    updatedAt: now, createdBy: "bench", comment: "benchmark silence \(index)")
                _ = try await store.setSilence(silence)
            }
        }
    }
    try await group.waitForAll()
}

// nflog entries: one per group and receiver, kept for 10 hours.
try await withThrowingTaskGroup(of: Void.self) { group in
    for worker in 0..<64 {
        group.addTask {
            for index in stride(from: worker, to: entryCount, by: 64) {
                try await store.logNotification(
                    receiver: NotificationReceiver(groupName: "team-\(index % 20)", integration: "webhook", idx: 0),
                    groupKey: GroupKey(rawValue: "{}:{alertname=\"Alert\(index)\"}"),
                    firingAlerts: [UInt64(index), UInt64(index) &* 31], resolvedAlerts: [], expiry: 36_000)
            }
        }
    }
    try await group.waitForAll()
}
try await store.close(snapshot: true)
print("wrote \(silenceCount) silences and \(entryCount) nflog entries to \(directory)")
