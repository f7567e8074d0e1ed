import TocsinWire
import Foundation
import StateStore
import Testing
import TocsinModel

@Suite("Crash safety: torn log records are cut and reported, damage is refused with file and offset")
struct StateLogTests {
    let clock = ManualClock()

    /// Writes `count` silences through a store that is then dropped without closing (no final snapshot),
    /// and returns their ids in order.
    private func writeSilences(_ count: Int, in directory: TemporaryDirectory) async throws -> [String] {
        let store = try Fixtures.store(directory, clock: clock)
        let now = clock.now()
        var ids: [String] = []
        for index in 0..<count {
            ids.append(
                try await store.setSilence(
                    Fixtures.silence(
                        matchers: [Fixtures.matcher("n", .equal, "\(index)")], startsAt: now,
                        endsAt: now.addingTimeInterval(600))))
        }
        try await store.close(snapshot: false)
        return ids
    }

    private func recordStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var offset = 8
        while offset + 8 <= bytes.count {
            starts.append(offset)
            let length =
                Int(bytes[offset]) | Int(bytes[offset + 1]) << 8 | Int(bytes[offset + 2]) << 16
                | Int(bytes[offset + 3]) << 24
            offset += 8 + length
        }
        return starts
    }

    @Test func truncationAtEveryOffsetOfLastRecordIsCutAndReported() async throws {
        let source = TemporaryDirectory()
        let ids = try await writeSilences(3, in: source)
        let log = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source.file("state.wal"))))
        let lastStart = try #require(recordStarts(log).last)
        for cut in lastStart..<log.count {
            let directory = TemporaryDirectory()
            try Data(log[0..<cut]).write(to: URL(fileURLWithPath: directory.file("state.wal")))
            let added = try await openCutLog(directory, cut: cut, lastStart: lastStart, expected: Set(ids.prefix(2)))
            let reopened = try Fixtures.store(directory, clock: clock)
            #expect(reopened.recovery.logRepair == nil)
            #expect(await reopened.silence(id: added) != nil)
            try await reopened.close()
            directory.remove()
        }
        source.remove()
    }

    /// Opens a store on a log cut at `cut`, checks what it recovered and adds one silence after the repair.
    private func openCutLog(
        _ directory: TemporaryDirectory, cut: Int, lastStart: Int, expected: Set<String>
    ) async throws -> String {
        let store = try Fixtures.store(directory, clock: clock)
        let found = Set(await store.querySilences(SilenceQuery()).map(\.id))
        #expect(found == expected, "cut at \(cut)")
        if cut == lastStart {
            #expect(store.recovery.logRepair == nil)
        } else {
            let repair = try #require(store.recovery.logRepair, "cut at \(cut)")
            #expect(repair.offset == lastStart)
            #expect(repair.discardedBytes == cut - lastStart)
        }
        #expect(await store.metrics().logTornRecordsTotal == (cut == lastStart ? 0 : 1))
        let now = clock.now()
        let added = try await store.setSilence(
            Fixtures.silence(
                matchers: [Fixtures.matcher("n", .equal, "new")], startsAt: now, endsAt: now.addingTimeInterval(600)))
        try await store.close(snapshot: false)
        return added
    }

    @Test func flippedByteInLastRecordIsTornButEarlierIsCorrupt() async throws {
        let source = TemporaryDirectory()
        let ids = try await writeSilences(3, in: source)
        let log = try [UInt8](Data(contentsOf: URL(fileURLWithPath: source.file("state.wal"))))
        let starts = recordStarts(log)

        var tail = log
        tail[log.count - 3] ^= 0xFF
        let tailDirectory = TemporaryDirectory()
        try Data(tail).write(to: URL(fileURLWithPath: tailDirectory.file("state.wal")))
        let store = try Fixtures.store(tailDirectory, clock: clock)
        #expect(store.recovery.logRepair?.offset == starts[2])
        #expect(Set(await store.querySilences(SilenceQuery()).map(\.id)) == Set(ids.prefix(2)))
        try await store.close()
        tailDirectory.remove()

        var middle = log
        middle[starts[1] + 20] ^= 0xFF
        let middleDirectory = TemporaryDirectory()
        try Data(middle).write(to: URL(fileURLWithPath: middleDirectory.file("state.wal")))
        #expect {
            _ = try Fixtures.store(middleDirectory, clock: clock)
        } throws: { error in
            let text = (error as? StateStoreError)?.description ?? ""
            return text.contains(middleDirectory.file("state.wal")) && text.contains("byte offset \(starts[1])")
        }
        middleDirectory.remove()
        source.remove()
    }

    @Test func trailingZerosAreTorn() async throws {
        let directory = TemporaryDirectory()
        let ids = try await writeSilences(2, in: directory)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.file("state.wal")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0, count: 4096))
        try handle.close()
        let store = try Fixtures.store(directory, clock: clock)
        #expect(store.recovery.logRepair?.discardedBytes == 4096)
        #expect(Set(await store.querySilences(SilenceQuery()).map(\.id)) == Set(ids))
        try await store.close()
        directory.remove()
    }

    @Test func corruptSnapshotFailsNamingFileAndOffset() async throws {
        let directory = TemporaryDirectory()
        _ = try await writeSilences(3, in: directory)
        do {
            let store = try Fixtures.store(directory, clock: clock)
            try await store.close()
        }
        let path = directory.file("silences")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Make the second message's length prefix claim more bytes than exist.
        let firstLength = Int(bytes[0])
        let secondStart = 1 + firstLength
        bytes[secondStart] = 0x7F
        bytes.removeLast(bytes.count - secondStart - 40)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Fixtures.store(directory, clock: clock)
        } throws: { error in
            let text = (error as? StateStoreError)?.description ?? ""
            return text.hasPrefix("corrupt snapshot \(path) at byte offset \(secondStart):")
        }
        directory.remove()
    }

    @Test func nflogSnapshotEntryWithoutReceiverIsRefused() throws {
        let directory = TemporaryDirectory()
        var entry = Nflogpb_MeshEntry()
        entry.entry.groupKey = Data("k".utf8)
        entry.expiresAt.seconds = 2_000_000_000
        let body: [UInt8] = try entry.serializedBytes()
        try Data([UInt8(body.count)] + body).write(to: URL(fileURLWithPath: directory.file("nflog")))
        #expect {
            _ = try Fixtures.store(directory, clock: clock)
        } throws: { error in
            (error as? StateStoreError)?.description
                == "corrupt snapshot \(directory.file("nflog")) at byte offset 0: invalid state (no entry or receiver)"
        }
        directory.remove()
    }

    @Test func garbageInsteadOfLogIsRefused() throws {
        let directory = TemporaryDirectory()
        try Data("hello world, not a log".utf8).write(to: URL(fileURLWithPath: directory.file("state.wal")))
        #expect {
            _ = try Fixtures.store(directory, clock: clock)
        } throws: { error in
            (error as? StateStoreError)?.description.contains("byte offset 0") == true
        }
        directory.remove()
    }
}
