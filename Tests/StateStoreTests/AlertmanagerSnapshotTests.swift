import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Alertmanager 0.25 snapshot files load as Alertmanager wrote them")
struct AlertmanagerSnapshotTests {
    /// Real files written by Alertmanager 0.25 (copied from the project's reference test data).
    static let testdata = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Snapshots/am-0.25-snapshots").path

    /// A store over a copy of the reference snapshots, at the instant the snapshots were taken.
    private func openCopy(_ directory: TemporaryDirectory, clock: ManualClock) throws -> StateStore {
        for name in ["silences", "nflog"] {
            try FileManager.default.copyItem(atPath: Self.testdata + "/" + name, toPath: directory.file(name))
        }
        return try Fixtures.store(directory, clock: clock)
    }

    /// The messages of a delimited file, as raw byte strings, in file order.
    private func messages(_ bytes: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var offset = 0
        while offset < bytes.count {
            var length = 0
            var shift = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                length |= Int(byte & 0x7F) << shift
                shift += 7
                if byte < 0x80 { break }
            }
            result.append(Array(bytes[offset..<offset + length]))
            offset += length
        }
        return result
    }

    @Test func silencesHaveAlertmanagersContent() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_560_400))
        let store = try openCopy(directory, clock: clock)
        #expect(store.recovery.silencesFromSnapshot == 5)
        let silences = await store.querySilences(SilenceQuery())
        #expect(
            silences.map(\.id) == [
                "268661a2-55b7-4025-9d57-ac90a4d89a39", "2ff3d69a-ea71-4017-a9ac-2d7a19f46912",
                "707d180a-4f7a-4e04-aea8-f0c679a22a7d", "716c72e6-f09d-4cfe-8980-4089b95dd232",
                "b0c96bf7-4772-49f1-864b-ece786ee6790",
            ])
        let regex = try #require(await store.silence(id: "268661a2-55b7-4025-9d57-ac90a4d89a39"))
        #expect(regex.matchers == Matchers([Fixtures.matcher("frompy", .regexp, "bi.*")]))
        #expect(regex.createdBy == "pyagent")
        #expect(regex.endsAt == Date(timeIntervalSince1970: 1_795_567_510))
        let am2 = try #require(await store.silence(id: "2ff3d69a-ea71-4017-a9ac-2d7a19f46912"))
        #expect(am2.matchers == Matchers([Fixtures.matcher("fromam2", .equal, "yes")]))
        #expect(am2.comment == "am2 made")
        #expect(abs(am2.startsAt.timeIntervalSince1970 - 1_795_560_307.980_684_483) < 0.000_001)
        let stored = try #require(await store.fullState().silences["2ff3d69a-ea71-4017-a9ac-2d7a19f46912"])
        #expect(stored.mesh.expiresAt.seconds == 1_795_995_907)
        #expect(stored.mesh.expiresAt.nanos == 968_000_000)
        // "frompy=small" ended at 1795560364.06, before the clock.
        #expect(
            await store.querySilences(SilenceQuery(states: [.expired])).map(\.id) == [
                "707d180a-4f7a-4e04-aea8-f0c679a22a7d"
            ])
        #expect(await store.mutes(["frompy": "big"]).active == ["268661a2-55b7-4025-9d57-ac90a4d89a39"])
        try await store.close(snapshot: false)
        directory.remove()
    }

    @Test func nflogHasAlertmanagersContent() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_560_400))
        let store = try openCopy(directory, clock: clock)
        let receiver = NotificationReceiver(groupName: "hook", integration: "webhook", idx: 0)
        let test = try #require(
            await store.notification(receiver: receiver, groupKey: GroupKey(rawValue: "{}:{alertname=\"TestAlert\"}")))
        #expect(test.resolvedAlerts == [2_265_942_888_129_603_575])
        #expect(test.firingAlerts.isEmpty)
        #expect(test.resolvedAlerts == [(["alertname": "TestAlert", "sev": "x"] as LabelSet).alertHash])
        let agent = try #require(
            await store.notification(receiver: receiver, groupKey: GroupKey(rawValue: "{}:{alertname=\"PyAgent\"}")))
        #expect(agent.firingAlerts == [12_345_678_901_234_567])
        #expect(abs(agent.expiresAt.timeIntervalSince1970 - 1_795_563_910.986_415_624) < 0.000_001)
        try await store.close(snapshot: false)
        directory.remove()
    }

    @Test func rewrittenSnapshotsAreByteIdenticalMessages() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_560_400))
        let store = try openCopy(directory, clock: clock)
        try await store.close()
        for name in ["silences", "nflog"] {
            let original = messages(try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.testdata + "/" + name))))
            let rewritten = messages(try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory.file(name)))))
            #expect(Set(rewritten) == Set(original), "\(name)")
            #expect(rewritten.count == original.count)
        }
        directory.remove()
    }
}
