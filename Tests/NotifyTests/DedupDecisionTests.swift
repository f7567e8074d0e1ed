import Foundation
import Notify
import Testing
import TocsinModel

/// Alertmanager 0.25's `needsUpdate` rules, one by one.
@Suite struct DedupDecisionTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func entry(firing: [UInt64], resolved: [UInt64] = [], age: TimeInterval = 60) -> NotificationLogEntry {
        NotificationLogEntry(
            groupKey: GroupKey(rawValue: "g"), receiver: NotificationReceiver(groupName: "r", integration: "webhook", idx: 0),
            timestamp: self.now.addingTimeInterval(-age), firingAlerts: firing, resolvedAlerts: resolved, expiresAt: .distantFuture)
    }

    func decide(_ entry: NotificationLogEntry?, firing: Set<UInt64>, resolved: Set<UInt64> = [], sendResolved: Bool = true) -> Bool {
        DedupDecision.needsUpdate(
            entry: entry, firing: firing, resolved: resolved, sendResolved: sendResolved, repeatInterval: .seconds(3600), now: self.now)
    }

    @Test func withoutAnEntryOnlyFiringAlertsNotify() {
        #expect(self.decide(nil, firing: [1]))
        #expect(!self.decide(nil, firing: [], resolved: [1]))
    }

    @Test func aNewFiringAlertNotifies() {
        #expect(self.decide(self.entry(firing: [1]), firing: [1, 2]))
    }

    @Test func unchangedFiringAlertsWaitForTheRepeatInterval() {
        #expect(!self.decide(self.entry(firing: [1, 2]), firing: [1, 2]))
        #expect(self.decide(self.entry(firing: [1, 2], age: 3601), firing: [1, 2]))
    }

    @Test func onlyRemovingAFiringAlertDoesNotNotify() {
        #expect(!self.decide(self.entry(firing: [1, 2]), firing: [1]))
    }

    @Test func allResolvedNotifiesEvenWithoutSendResolved() {
        #expect(self.decide(self.entry(firing: [1]), firing: [], resolved: [1], sendResolved: false))
        #expect(!self.decide(self.entry(firing: [], resolved: [1]), firing: [], resolved: [1]))
    }

    @Test func aNewResolvedAlertNotifiesOnlyWithSendResolved() {
        #expect(self.decide(self.entry(firing: [1, 2]), firing: [1], resolved: [2], sendResolved: true))
        #expect(!self.decide(self.entry(firing: [1, 2]), firing: [1], resolved: [2], sendResolved: false))
    }
}
