import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Alerts: stored per fingerprint, durable, refreshes persisted lazily")
struct StateStoreAlertsTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    private func alert(_ name: String, endsIn: TimeInterval, now: Date) -> Alert {
        Alert(
            labels: ["alertname": name], annotations: ["summary": "s"], startsAt: now,
            endsAt: now.addingTimeInterval(endsIn), generatorURL: "http://x", updatedAt: now)
    }

    @Test func putGetRemoveAndList() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let first = alert("A", endsIn: 300, now: now)
        let second = alert("B", endsIn: 300, now: now)
        try await store.putAlerts([first, second])
        #expect(await store.alert(first.fingerprint) == first)
        #expect(await store.allAlerts().count == 2)
        try await store.removeAlerts([first.fingerprint])
        #expect(await store.alert(first.fingerprint) == nil)
        #expect(await store.allAlerts() == [second])
        try await store.close()
        directory.remove()
    }

    @Test func newAndResolvedAlertsCostAnFsyncRefreshesDoNot() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var firing = alert("A", endsIn: 300, now: now)
        try await store.putAlert(firing)
        let syncsAfterNew = await store.metrics().logSyncsTotal
        #expect(syncsAfterNew == 1)
        for step in 1...10 {
            clock.advance(by: 30)
            firing.endsAt = clock.now().addingTimeInterval(300)
            firing.updatedAt = clock.now()
            try await store.putAlert(firing)
            #expect(await store.alert(firing.fingerprint)?.endsAt == firing.endsAt, "refresh \(step) visible at once")
        }
        var metrics = await store.metrics()
        #expect(metrics.logSyncsTotal == syncsAfterNew)
        #expect(metrics.alertWritesDeferredTotal == 10)
        let resolved = firing.resolved(at: clock.now())
        try await store.putAlert(resolved)
        metrics = await store.metrics()
        #expect(metrics.logSyncsTotal == syncsAfterNew + 1)
        try await store.close()
        directory.remove()
    }

    @Test func deferredRefreshIsWrittenByFlushAndSurvivesReopen() async throws {
        let now = clock.now()
        var firing = alert("A", endsIn: 300, now: now)
        do {
            let store = try Fixtures.store(directory, clock: clock)
            try await store.putAlert(firing)
            clock.advance(by: 30)
            firing.endsAt = clock.now().addingTimeInterval(300)
            firing.updatedAt = clock.now()
            try await store.putAlert(firing)
            try await store.flushDeferredWrites()
            try await store.close(snapshot: false)
        }
        let reopened = try Fixtures.store(directory, clock: clock)
        let loaded = try #require(await reopened.alert(firing.fingerprint))
        #expect(abs(loaded.endsAt!.timeIntervalSince(firing.endsAt!)) < 0.000_001)
        try await reopened.close()
        directory.remove()
    }

    @Test func changedAnnotationsAreDurableAtOnce() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var firing = alert("A", endsIn: 300, now: now)
        try await store.putAlert(firing)
        firing.annotations = ["summary": "changed"]
        try await store.putAlert(firing)
        #expect(await store.metrics().logSyncsTotal == 2)
        try await store.close()
        directory.remove()
    }

    @Test func alertsSurviveCloseAndReopenThroughSnapshot() async throws {
        let now = clock.now()
        let alerts = (0..<20).map { alert("A\($0)", endsIn: 300, now: now) }
        do {
            let store = try Fixtures.store(directory, clock: clock)
            try await store.putAlerts(alerts)
            try await store.close()
        }
        let reopened = try Fixtures.store(directory, clock: clock)
        #expect(reopened.recovery.alertsFromSnapshot == 20)
        #expect(reopened.recovery.logRecordsReplayed == 0)
        #expect(Set(await reopened.allAlerts().map(\.fingerprint)) == Set(alerts.map(\.fingerprint)))
        try await reopened.close()
        directory.remove()
    }
}
