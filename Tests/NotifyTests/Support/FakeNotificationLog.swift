import Foundation
import Notify
import Synchronization
import TocsinModel

/// An in-memory nflog that stamps entries with a clock's time, and can be told to fail.
final class FakeNotificationLog: NotificationLog {
    struct Record: Equatable {
        var groupKey: String
        var receiver: NotificationReceiver
        var firing: [UInt64]
        var resolved: [UInt64]
        var expiry: Duration
    }

    private let state = Mutex<(entries: [String: NotificationLogEntry], records: [Record], failRecording: Bool)>(([:], [], false))
    let clock: any NotifyClock

    init(clock: any NotifyClock) {
        self.clock = clock
    }

    func entry(groupKey: String, receiver: NotificationReceiver) async throws -> NotificationLogEntry? {
        self.state.withLock { $0.entries[NotificationLogEntry.stateKey(groupKey: GroupKey(rawValue: groupKey), receiver: receiver)] }
    }

    func record(groupKey: String, receiver: NotificationReceiver, firing: [UInt64], resolved: [UInt64], expiry: Duration) async throws {
        let now = self.clock.now()
        try self.state.withLock { state in
            if state.failRecording { throw FakeFailure() }
            state.records.append(Record(groupKey: groupKey, receiver: receiver, firing: firing, resolved: resolved, expiry: expiry))
            let entry = NotificationLogEntry(
                groupKey: GroupKey(rawValue: groupKey), receiver: receiver, timestamp: now, firingAlerts: firing,
                resolvedAlerts: resolved, expiresAt: now.addingTimeInterval(3600))
            state.entries[entry.stateKey] = entry
        }
    }

    func failRecording() { self.state.withLock { $0.failRecording = true } }

    var records: [Record] { self.state.withLock { $0.records } }

    struct FakeFailure: Error, CustomStringConvertible {
        var description: String { "state store unavailable" }
    }
}
