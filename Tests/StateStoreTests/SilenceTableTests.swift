import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Silences: Alertmanager's set, update, expire and query rules")
struct SilenceTableTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    @Test func createAssignsUUIDAndMovesStartToNow() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now.addingTimeInterval(-60),
                endsAt: now.addingTimeInterval(3600)))
        #expect(UUID(uuidString: id) != nil)
        #expect(id == id.lowercased())
        let stored = try #require(await store.silence(id: id))
        #expect(abs(stored.startsAt.timeIntervalSince(now)) < 0.001)
        #expect(abs(stored.updatedAt.timeIntervalSince(now)) < 0.001)
        try await store.close()
        directory.remove()
    }

    @Test func unknownIDIsNotFound() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        await #expect {
            _ = try await store.setSilence(
                Fixtures.silence(
                    id: "nope", matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now,
                    endsAt: now.addingTimeInterval(60)))
        } throws: { error in
            (error as? StateStoreError)?.description == "silence not found"
        }
        try await store.close()
        directory.remove()
    }

    @Test func validationErrorsReadLikeAlertmanager() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let cases: [([Matcher], Date, String)] = [
            ([], now.addingTimeInterval(60), "silence invalid: at least one matcher required"),
            (
                [Fixtures.matcher("a", .equal, "")], now.addingTimeInterval(60),
                "silence invalid: at least one matcher must not match the empty string"
            ),
            (
                [Fixtures.matcher("a", .regexp, ".*")], now.addingTimeInterval(60),
                "silence invalid: at least one matcher must not match the empty string"
            ),
            (
                [Fixtures.matcher("a-b", .equal, "x")], now.addingTimeInterval(60),
                "silence invalid: invalid label matcher 0: invalid label name \"a-b\""
            ),
            (
                [Fixtures.matcher("a", .equal, "x")], now.addingTimeInterval(-60),
                "silence invalid: end time must not be before start time"
            ),
        ]
        for (matchers, end, message) in cases {
            await #expect {
                _ = try await store.setSilence(Fixtures.silence(matchers: matchers, startsAt: now, endsAt: end))
            } throws: { error in
                (error as? StateStoreError)?.description == message
            }
        }
        #expect(await store.querySilences(SilenceQuery()).isEmpty)
        try await store.close()
        directory.remove()
    }

    @Test func activeSilenceUpdatesInPlaceWhenStartSecondKept() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var silence = Fixtures.silence(
            matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(3600))
        let id = try await store.setSilence(silence)
        clock.advance(by: 10)
        silence = try #require(await store.silence(id: id))
        silence.endsAt = now.addingTimeInterval(7200)
        silence.comment = "longer"
        let sameID = try await store.setSilence(silence)
        #expect(sameID == id)
        #expect(await store.silence(id: id)?.comment == "longer")
        #expect(await store.querySilences(SilenceQuery()).count == 1)
        try await store.close()
        directory.remove()
    }

    @Test func changedMatchersExpireOldAndCreateNew() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(3600)))
        clock.advance(by: 10)
        var changed = try #require(await store.silence(id: id))
        changed.matchers = Matchers([Fixtures.matcher("a", .equal, "c")])
        let newID = try await store.setSilence(changed)
        #expect(newID != id)
        let old = try #require(await store.silence(id: id))
        #expect(abs(old.endsAt.timeIntervalSince(clock.now())) < 0.001)
        #expect(await store.querySilences(SilenceQuery(states: [.expired])).map(\.id) == [])
        clock.advance(by: 1)
        #expect(await store.querySilences(SilenceQuery(states: [.expired])).map(\.id) == [id])
        #expect(await store.querySilences(SilenceQuery(states: [.active])).map(\.id) == [newID])
        try await store.close()
        directory.remove()
    }

    @Test func activeSilenceWithMovedStartIsReplaced() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(3600)))
        clock.advance(by: 10)
        var moved = try #require(await store.silence(id: id))
        moved.startsAt = now.addingTimeInterval(5)
        #expect(try await store.setSilence(moved) != id)
        try await store.close()
        directory.remove()
    }

    @Test func pendingSilenceUpdatesUnlessStartInPast() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now.addingTimeInterval(600),
                endsAt: now.addingTimeInterval(3600)))
        var pending = try #require(await store.silence(id: id))
        pending.startsAt = now.addingTimeInterval(300)
        #expect(try await store.setSilence(pending) == id)
        pending.startsAt = now.addingTimeInterval(-300)
        let replaced = try await store.setSilence(pending)
        #expect(replaced != id)
        // The pending silence was expired by setting both ends to now.
        let old = try #require(await store.silence(id: id))
        #expect(old.startsAt == old.endsAt)
        try await store.close()
        directory.remove()
    }

    @Test func expiredSilenceIsNeverUpdatedButReplacedWithoutExpiringAgain() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        clock.advance(by: 120)
        var expired = try #require(await store.silence(id: id))
        let endBefore = expired.endsAt
        expired.endsAt = clock.now().addingTimeInterval(60)
        let newID = try await store.setSilence(expired)
        #expect(newID != id)
        #expect(await store.silence(id: id)?.endsAt == endBefore)
        try await store.close()
        directory.remove()
    }

    @Test func invalidReplacementLeavesOldSilenceUntouched() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(3600)))
        var invalid = try #require(await store.silence(id: id))
        invalid.matchers = Matchers([Fixtures.matcher("a", .equal, "")])
        await #expect(throws: StateStoreError.self) { _ = try await store.setSilence(invalid) }
        #expect(await store.querySilences(SilenceQuery(states: [.active])).map(\.id) == [id])
        try await store.close()
        directory.remove()
    }

    @Test func expireFollowsState() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let active = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(3600)))
        let pending = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "c")], startsAt: now.addingTimeInterval(60),
                endsAt: now.addingTimeInterval(3600)))
        clock.advance(by: 5)
        try await store.expireSilence(id: active)
        try await store.expireSilence(id: pending)
        let expiredActive = try #require(await store.silence(id: active))
        #expect(abs(expiredActive.endsAt.timeIntervalSince(clock.now())) < 0.001)
        #expect(abs(expiredActive.startsAt.timeIntervalSince(now)) < 0.001)
        let expiredPending = try #require(await store.silence(id: pending))
        #expect(expiredPending.startsAt == expiredPending.endsAt)
        let versionBefore = await store.currentVersion
        clock.advance(by: 1)
        try await store.expireSilence(id: active)
        #expect(await store.currentVersion == versionBefore)
        await #expect(throws: StateStoreError.self) { try await store.expireSilence(id: "missing") }
        try await store.close()
        directory.remove()
    }

    @Test func queriesFilterByIDStateLabelsAndMatcherText() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let a = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("job", .equal, "api"), Fixtures.matcher("env", .regexp, "prod|stage")],
                startsAt: now, endsAt: now.addingTimeInterval(3600)))
        let b = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("job", .equal, "db")], startsAt: now.addingTimeInterval(60),
                endsAt: now.addingTimeInterval(3600)))
        #expect(await store.querySilences(SilenceQuery(ids: [b, "zzz"])).map(\.id) == [b])
        #expect(await store.querySilences(SilenceQuery(states: [.pending])).map(\.id) == [b])
        #expect(
            await store.querySilences(SilenceQuery(matchingLabels: ["job": "api", "env": "prod"])).map(\.id) == [a])
        #expect(await store.querySilences(SilenceQuery(matchingLabels: ["job": "api", "env": "dev"])).isEmpty)
        #expect(
            await store.querySilences(SilenceQuery(containingMatchers: [Fixtures.matcher("env", .regexp, "prod|stage")]))
                .map(\.id) == [a])
        #expect(
            await store.querySilences(SilenceQuery(containingMatchers: [Fixtures.matcher("env", .equal, "prod")]))
                .isEmpty)
        #expect(await store.metrics().silencesQueriesTotal == 6)
        try await store.close()
        directory.remove()
    }

    @Test func limitsRejectWithLaterAlertmanagerWording() async throws {
        let store = try Fixtures.store(
            directory, clock: clock, limits: SilenceLimits(maxSilences: 1, maxSilenceSizeBytes: 200))
        let now = clock.now()
        _ = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        await #expect {
            _ = try await store.setSilence(
                Fixtures.silence(
                    matchers: [Fixtures.matcher("a", .equal, "c")], startsAt: now, endsAt: now.addingTimeInterval(60)))
        } throws: { error in
            (error as? StateStoreError)?.description == "exceeded maximum number of silences: 1 (limit: 1)"
        }
        try await store.close()

        let other = TemporaryDirectory()
        let small = try Fixtures.store(other, clock: clock, limits: SilenceLimits(maxSilenceSizeBytes: 100))
        await #expect {
            _ = try await small.setSilence(
                Fixtures.silence(
                    matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(60),
                    comment: String(repeating: "x", count: 200)))
        } throws: { error in
            let text = (error as? StateStoreError)?.description ?? ""
            return text.hasPrefix("silence exceeded maximum size: ") && text.hasSuffix(" bytes (limit: 100 bytes)")
        }
        try await small.close()
        other.remove()
        directory.remove()
    }

    @Test func mutesAnswersActiveAndPendingThroughIndex() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let active = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("alertname", .equal, "Down")], startsAt: now,
                endsAt: now.addingTimeInterval(3600)))
        let pending = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("instance", .regexp, "i.*")], startsAt: now.addingTimeInterval(60),
                endsAt: now.addingTimeInterval(3600)))
        let result = await store.mutes(["alertname": "Down", "instance": "i1"])
        #expect(result == MutingSilences(active: [active], pending: [pending]))
        #expect(result.isMuted)
        #expect(await store.mutes(["alertname": "Up"]).isMuted == false)
        clock.advance(by: 120)
        #expect(await store.mutes(["alertname": "Up", "instance": "i1"]).active == [pending])
        try await store.close()
        directory.remove()
    }

    @Test func silencesSurviveReopen() async throws {
        let now = clock.now()
        var ids: [String] = []
        do {
            let store = try Fixtures.store(directory, clock: clock)
            for index in 0..<5 {
                ids.append(
                    try await store.setSilence(
                        Fixtures.silence(
                            matchers: [Fixtures.matcher("n", .equal, "\(index)")], startsAt: now,
                            endsAt: now.addingTimeInterval(3600))))
            }
            // No snapshot: the log alone must carry the silences.
            try await store.close(snapshot: false)
        }
        let reopened = try Fixtures.store(directory, clock: clock)
        #expect(Set(await reopened.querySilences(SilenceQuery()).map(\.id)) == Set(ids))
        #expect(reopened.recovery.logRecordsReplayed == 5)
        try await reopened.close()
        directory.remove()
    }
}
