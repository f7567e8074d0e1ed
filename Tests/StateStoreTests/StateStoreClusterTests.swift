import TocsinWire
import Foundation
import StateStore
import SwiftProtobuf
import Testing
import TocsinModel

@Suite("Cluster state: Alertmanager's merge rules and MarshalBinary export")
struct StateStoreClusterTests {
    let directory = TemporaryDirectory()
    let clock = ManualClock()

    private func timestamp(_ date: Date) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: date)
    }

    private func meshSilence(id: String, updatedAt: Date, endsAt: Date, expiresAt: Date, comment: String)
        -> Silencepb_MeshSilence
    {
        var mesh = Silencepb_MeshSilence()
        mesh.silence.id = id
        var matcher = Silencepb_Matcher()
        matcher.name = "a"
        matcher.pattern = "b"
        mesh.silence.matchers = [matcher]
        mesh.silence.startsAt = timestamp(updatedAt)
        mesh.silence.endsAt = timestamp(endsAt)
        mesh.silence.updatedAt = timestamp(updatedAt)
        mesh.silence.comment = comment
        mesh.expiresAt = timestamp(expiresAt)
        return mesh
    }

    private func delimited(_ messages: [some SwiftProtobuf.Message]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for message in messages {
            let body: [UInt8] = try message.serializedBytes()
            var length = UInt64(body.count)
            while length >= 0x80 {
                bytes.append(UInt8(length & 0x7F) | 0x80)
                length >>= 7
            }
            bytes.append(UInt8(length))
            bytes.append(contentsOf: body)
        }
        return bytes
    }

    @Test func silenceMergeNewerWinsTieKeepsExpiredIgnored() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let first = meshSilence(
            id: "x", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "first")
        #expect(try await store.mergeSilences(try delimited([first])) == 1)
        let tie = meshSilence(
            id: "x", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "tie")
        #expect(try await store.mergeSilences(try delimited([tie])) == 0)
        #expect(await store.silence(id: "x")?.comment == "first")
        let newer = meshSilence(
            id: "x", updatedAt: now.addingTimeInterval(1), endsAt: now.addingTimeInterval(60),
            expiresAt: now.addingTimeInterval(600), comment: "newer")
        #expect(try await store.mergeSilences(try delimited([newer])) == 1)
        #expect(await store.silence(id: "x")?.comment == "newer")
        let gone = meshSilence(
            id: "y", updatedAt: now, endsAt: now.addingTimeInterval(-600), expiresAt: now.addingTimeInterval(-1),
            comment: "gone")
        #expect(try await store.mergeSilences(try delimited([gone])) == 0)
        #expect(await store.silence(id: "y") == nil)
        #expect(await store.metrics().silencesGossipMessagesPropagatedTotal == 2)
        try await store.close()
        directory.remove()
    }

    @Test func legacyCommentIsUpgradedOnMerge() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var mesh = meshSilence(
            id: "old", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "")
        var legacy = Silencepb_Comment()
        legacy.author = "alice"
        legacy.comment = "legacy text"
        mesh.silence.comments = [legacy]
        try await store.mergeSilences(try delimited([mesh]))
        let silence = try #require(await store.silence(id: "old"))
        #expect(silence.createdBy == "alice")
        #expect(silence.comment == "legacy text")
        try await store.close()
        directory.remove()
    }

    @Test func invalidBlobsAreRejectedWhole() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        let good = meshSilence(
            id: "g", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "")
        var empty = Silencepb_MeshSilence()
        empty.expiresAt = timestamp(now.addingTimeInterval(600))
        await #expect {
            try await store.mergeSilences(try delimited([good, empty]))
        } throws: { error in
            (error as? StateStoreError)?.description == "invalid state"
        }
        await #expect(throws: StateStoreError.self) { try await store.mergeSilences([0x05, 0x01]) }
        var noReceiver = Nflogpb_MeshEntry()
        noReceiver.entry.groupKey = Data("k".utf8)
        noReceiver.expiresAt = timestamp(now.addingTimeInterval(600))
        await #expect(throws: StateStoreError.self) {
            try await store.mergeNotificationLog(try delimited([noReceiver]))
        }
        #expect(await store.fullState().silences.isEmpty)
        try await store.close()
        directory.remove()
    }

    @Test func invalidMatchersFromPeersAreKeptButNeverMute() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var mesh = meshSilence(
            id: "bad", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "")
        mesh.silence.matchers[0].type = .regexp
        mesh.silence.matchers[0].pattern = "("
        #expect(try await store.mergeSilences(try delimited([mesh])) == 1)
        #expect(await store.mutes(["a": "("]).isMuted == false)
        #expect(await store.silence(id: "bad") == nil)
        #expect(await store.silencesState() == (try delimited([mesh])))
        try await store.close()
        directory.remove()
    }

    @Test func nflogMergeNewerTimestampWins() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        func entry(_ at: Date, firing: UInt64, expires: Date) -> Nflogpb_MeshEntry {
            var mesh = Nflogpb_MeshEntry()
            mesh.entry.groupKey = Data("{}:{a=\"b\"}".utf8)
            mesh.entry.receiver.groupName = "r"
            mesh.entry.receiver.integration = "webhook"
            mesh.entry.timestamp = timestamp(at)
            mesh.entry.firingAlerts = [firing]
            mesh.expiresAt = timestamp(expires)
            return mesh
        }
        let receiver = NotificationReceiver(groupName: "r", integration: "webhook", idx: 0)
        let key = GroupKey(rawValue: "{}:{a=\"b\"}")
        #expect(try await store.mergeNotificationLog(try delimited([entry(now, firing: 1, expires: now + 60)])) == 1)
        #expect(try await store.mergeNotificationLog(try delimited([entry(now, firing: 2, expires: now + 60)])) == 0)
        #expect(try await store.mergeNotificationLog(try delimited([entry(now + 1, firing: 3, expires: now + 60)])) == 1)
        #expect(try await store.mergeNotificationLog(try delimited([entry(now + 2, firing: 4, expires: now - 1)])) == 0)
        #expect(await store.notification(receiver: receiver, groupKey: key)?.firingAlerts == [3])
        try await store.close()
        directory.remove()
    }

    @Test func exportOfOneStoreMergesIntoAnother() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        for index in 0..<3 {
            _ = try await store.setSilence(
                Fixtures.silence(
                    matchers: [Fixtures.matcher("n", .equal, "\(index)")], startsAt: now,
                    endsAt: now.addingTimeInterval(600)))
        }
        try await store.logNotification(
            receiver: NotificationReceiver(groupName: "r", integration: "email", idx: 2),
            groupKey: GroupKey(rawValue: "{}:{}"), firingAlerts: [9], resolvedAlerts: [], expiry: 0)
        let otherDirectory = TemporaryDirectory()
        let other = try Fixtures.store(otherDirectory, clock: clock)
        #expect(try await other.mergeSilences(await store.silencesState()) == 3)
        #expect(try await other.mergeNotificationLog(await store.notificationLogState()) == 1)
        #expect(
            Set(await other.querySilences(SilenceQuery()).map(\.id))
                == Set(await store.querySilences(SilenceQuery()).map(\.id)))
        // Re-merging the same state changes nothing.
        #expect(try await other.mergeSilences(await store.silencesState()) == 0)
        try await other.close()
        try await store.close()
        otherDirectory.remove()
        directory.remove()
    }

    @Test func replicaIndexFedByChangeStreamFollowsMerges() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let (snapshot, changes) = await store.subscribe()
        var replica = SilenceIndex()
        snapshot.silences.values.compactMap(\.silence).forEach { replica.insert($0) }
        let now = clock.now()
        let merged = meshSilence(
            id: "peer", updatedAt: now, endsAt: now.addingTimeInterval(60), expiresAt: now.addingTimeInterval(600),
            comment: "from a peer")
        try await store.mergeSilences(try delimited([merged]))
        for await change in changes {
            #expect(change.origin == .merge)
            replica.apply(change)
            break
        }
        #expect(replica.matching(["a": "b"], at: now).active == ["peer"])
        #expect(await store.mutes(["a": "b"]).active == ["peer"])
        try await store.close()
        directory.remove()
    }

    @Test func changeStreamDeliversDurableChangesInVersionOrder() async throws {
        let store = try Fixtures.store(directory, clock: clock)
        let (snapshot, changes) = await store.subscribe()
        #expect(snapshot.silences.isEmpty)
        let now = clock.now()
        let id = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("a", .equal, "b")], startsAt: now, endsAt: now.addingTimeInterval(600)))
        try await store.expireSilence(id: id)
        try await store.logNotification(
            receiver: NotificationReceiver(groupName: "r", integration: "webhook", idx: 0),
            groupKey: GroupKey(rawValue: "k"), firingAlerts: [], resolvedAlerts: [], expiry: 0)
        var received: [StateChange] = []
        for await change in changes {
            received.append(change)
            if received.count == 3 {
                break
            }
        }
        #expect(received.map(\.version) == [snapshot.version + 1, snapshot.version + 2, snapshot.version + 3])
        guard case .silence(let created) = received[0].kind, case .notification = received[2].kind else {
            Issue.record("unexpected change kinds")
            return
        }
        #expect(created.id == id)
        #expect(received.allSatisfy { $0.origin == .local })
        try await store.close()
        directory.remove()
    }
}
