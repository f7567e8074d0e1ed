import Foundation
import Testing
import TocsinModel

@Suite struct NotificationLogEntryTests {
    @Test func stateKeyIsGroupKeyThenReceiver() {
        let receiver = NotificationReceiver(groupName: "team-X.hook", integration: "webhook", idx: 0)
        let entry = NotificationLogEntry(
            groupKey: GroupKey(rawValue: "{}:{}"), receiver: receiver, timestamp: Date(timeIntervalSince1970: 0),
            firingAlerts: [1, 2], resolvedAlerts: [], expiresAt: Date(timeIntervalSince1970: 3600))
        #expect(entry.stateKey == "{}:{}:team-X.hook/webhook/0")
        #expect(NotificationLogEntry.stateKey(groupKey: entry.groupKey, receiver: receiver) == entry.stateKey)
        #expect(receiver.description == "team-X.hook/webhook/0")
    }
}
