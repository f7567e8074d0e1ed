import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Maintenance: retention GC, atomic snapshots, log truncation")
struct StateStoreMaintenanceTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    @Test func silencesAreDroppedOnlyAfterRetention() async throws {
        let store = try Fixtures.store(directory, clock: clock, retention: 3600)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        clock.advance(by: 60 + 3599)
        #expect(try await store.collectGarbage().silences == 0)
        #expect(await store.silence(id: id) != nil)
        clock.advance(by: 1)
        #expect(try await store.collectGarbage().silences == 1)
        #expect(await store.silence(id: id) == nil)
        try await store.close()
        directory.remove()
    }

    @Test func maintenanceWritesSnapshotsAndTruncatesLog() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        _ = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        try await store.logNotification(
            receiver: NotificationReceiver(groupName: "r", integration: "webhook", idx: 0),
            groupKey: GroupKey(rawValue: "k"), firingAlerts: [1], resolvedAlerts: [], expiry: 0)
        let logSizeBefore = try FileManager.default.attributesOfItem(atPath: directory.file("state.wal"))[.size] as? Int
        #expect((logSizeBefore ?? 0) > 8)
        let report = try await store.runMaintenance()
        #expect(report.silencesSnapshotBytes > 0)
        #expect(report.notificationLogSnapshotBytes > 0)
        let logSizeAfter = try FileManager.default.attributesOfItem(atPath: directory.file("state.wal"))[.size] as? Int
        #expect(logSizeAfter == 8)
        let silencesSize = try FileManager.default.attributesOfItem(atPath: directory.file("silences"))[.size] as? Int
        #expect(silencesSize == report.silencesSnapshotBytes)
        let metrics = await store.metrics()
        #expect(metrics.silencesSnapshotSizeBytes == report.silencesSnapshotBytes)
        #expect(metrics.silencesMaintenanceTotal == 1)
        #expect(metrics.silencesByState[.active] == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".") }
        #expect(leftovers == ["state.wal"])
        // Changes after the snapshot go to the log again, and both together restore the state.
        _ = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "c")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        let expected = Set(await store.querySilences(SilenceQuery()).map(\.id))
        let stateBefore = await store.fullState()
        #expect(stateBefore.silences.count == 2)
        try await store.close()
        let reopened = try Fixtures.store(directory, clock: clock)
        #expect(Set(await reopened.querySilences(SilenceQuery()).map(\.id)) == expected)
        #expect(await reopened.fullState().notifications.count == 1)
        try await reopened.close()
        directory.remove()
    }

    @Test func maintenanceRunsOnEachTick() async throws {
        let store = try Fixtures.store(directory, clock: clock, retention: 60)
        let now = clock.now()
        _ = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(10)))
        clock.advance(by: 100)
        let (ticks, tick) = AsyncStream<Void>.makeStream()
        tick.yield()
        tick.yield()
        tick.finish()
        await store.runMaintenance(on: ticks)
        let metrics = await store.metrics()
        #expect(metrics.silencesMaintenanceTotal == 2)
        #expect(metrics.silencesGCDurationSecondsCount == 2)
        #expect(await store.fullState().silences.isEmpty)
        try await store.close()
        directory.remove()
    }

    @Test func concurrentChangesShareFsyncs() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<200 {
                group.addTask {
                    try await store.setSilence(
                        Fixtures.silence(
                            matchers: [Fixtures.matcher("n", .equal, "\(index)")], startsAt: now,
                            endsAt: now.addingTimeInterval(600)))
                }
            }
            try await group.waitForAll()
        }
        let metrics = await store.metrics()
        #expect(metrics.logRecordsTotal == 200)
        #expect(metrics.logSyncsTotal < 200)
        try await store.close()
        directory.remove()
    }

    @Test func secondStoreOnSameDirectoryIsRefused() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        #expect(throws: StateStoreError.self) { _ = try Fixtures.store(directory, clock: clock) }
        try await store.close()
        directory.remove()
    }

    @Test func closedStoreRefusesChanges() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        try await store.close()
        let now = clock.now()
        await #expect {
            _ = try await store.setSilence(
                Fixtures.silence(
                    matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        } throws: { error in
            (error as? StateStoreError)?.description == "state store is closed"
        }
        directory.remove()
    }
}

@Suite("Maintenance loop on a real interval")
struct StateStoreMaintenanceLoopTests {
    @Test func loopRunsMaintenanceAndFlushesDeferredWrites() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var alert = Alert(labels: ["alertname": "A"], startsAt: now, endsAt: now.addingTimeInterval(300), updatedAt: now)
        try await store.putAlert(alert)
        alert.endsAt = now.addingTimeInterval(600)
        try await store.putAlert(alert)
        let loop = Task { await store.runMaintenanceLoop(interval: .milliseconds(20), deferredFlushInterval: .milliseconds(5)) }
        // Bounded, and generous: on a loaded machine a 20 ms loop can be starved for seconds.
        let deadline = ContinuousClock.now + .seconds(60)
        var metrics = await store.metrics()
        while metrics.silencesMaintenanceTotal == 0 || metrics.logSyncsTotal < 2, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
            metrics = await store.metrics()
        }
        loop.cancel()
        await loop.value
        #expect(metrics.silencesMaintenanceTotal >= 1)
        #expect(metrics.logSyncsTotal >= 2)
        #expect(FileManager.default.fileExists(atPath: directory.file("silences")))
        try await store.close()
        directory.remove()
    }
}
