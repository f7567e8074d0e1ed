import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Notification log: Alertmanager's log, query, expiry and state key")
struct NotificationLogTableTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()
    let receiver = NotificationReceiver(groupName: "hook", integration: "webhook", idx: 0)
    let groupKey = GroupKey(rawValue: "{}:{alertname=\"TestAlert\"}")

    @Test func logThenQueryReturnsEntryWithExpiryMinOfRetentionAndRepeat() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [1, 2], resolvedAlerts: [3], expiry: 7200)
        let entry = try #require(await store.notification(receiver: receiver, groupKey: groupKey))
        #expect(entry.firingAlerts == [1, 2])
        #expect(entry.resolvedAlerts == [3])
        #expect(abs(entry.timestamp.timeIntervalSince(clock.now())) < 0.001)
        #expect(abs(entry.expiresAt.timeIntervalSince(clock.now().addingTimeInterval(7200))) < 0.001)
        #expect(entry.stateKey == "{}:{alertname=\"TestAlert\"}:hook/webhook/0")
        try await store.close()
        directory.remove()
    }

    @Test func expiryLongerThanRetentionOrZeroUsesRetention() async throws {
        let store = try Fixtures.store(directory, clock: clock, retention: 3600)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [], resolvedAlerts: [], expiry: 7200)
        var entry = try #require(await store.notification(receiver: receiver, groupKey: groupKey))
        #expect(abs(entry.expiresAt.timeIntervalSince(clock.now().addingTimeInterval(3600))) < 0.001)
        clock.advance(by: 1)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [], resolvedAlerts: [], expiry: 0)
        entry = try #require(await store.notification(receiver: receiver, groupKey: groupKey))
        #expect(abs(entry.expiresAt.timeIntervalSince(clock.now().addingTimeInterval(3600))) < 0.001)
        try await store.close()
        directory.remove()
    }

    @Test func missCountsAsQueryErrorLikeAlertmanager() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        #expect(await store.notification(receiver: receiver, groupKey: groupKey) == nil)
        let metrics = await store.metrics()
        #expect(metrics.nflogQueriesTotal == 1)
        #expect(metrics.nflogQueryErrorsTotal == 1)
        try await store.close()
        directory.remove()
    }

    @Test func newerEntryReplacesOlderAndFutureEntryIsKept() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [1], resolvedAlerts: [], expiry: 0)
        clock.advance(by: 10)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [2], resolvedAlerts: [], expiry: 0)
        #expect(await store.notification(receiver: receiver, groupKey: groupKey)?.firingAlerts == [2])
        // Time going backwards (a peer's entry from its future): the newer stored entry wins.
        clock.advance(by: -5)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [3], resolvedAlerts: [], expiry: 0)
        #expect(await store.notification(receiver: receiver, groupKey: groupKey)?.firingAlerts == [2])
        try await store.close()
        directory.remove()
    }

    @Test func entriesAreKeptPerReceiverIntegrationAndIndex() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let second = NotificationReceiver(groupName: "hook", integration: "webhook", idx: 1)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [1], resolvedAlerts: [], expiry: 0)
        try await store.logNotification(
            receiver: second, groupKey: groupKey, firingAlerts: [2], resolvedAlerts: [], expiry: 0)
        #expect(await store.notification(receiver: receiver, groupKey: groupKey)?.firingAlerts == [1])
        #expect(await store.notification(receiver: second, groupKey: groupKey)?.firingAlerts == [2])
        #expect(await store.fullState().notifications.count == 2)
        try await store.close()
        directory.remove()
    }

    @Test func gcDropsEntriesAtExpiry() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        try await store.logNotification(
            receiver: receiver, groupKey: groupKey, firingAlerts: [1], resolvedAlerts: [], expiry: 60)
        clock.advance(by: 59)
        #expect(try await store.collectGarbage().notifications == 0)
        clock.advance(by: 1)
        #expect(try await store.collectGarbage().notifications == 1)
        #expect(await store.notification(receiver: receiver, groupKey: groupKey) == nil)
        try await store.close()
        directory.remove()
    }
}
