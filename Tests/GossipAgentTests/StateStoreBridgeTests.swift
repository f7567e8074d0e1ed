import Foundation
import GossipAgent
import Memberlist
import SwiftProtobuf
import Testing
import TocsinWire

@Suite struct StateStoreBridgeTests {
    static func silenceEvent(origin: Tocsin_State_V1_StateEvent.Origin) -> Tocsin_State_V1_StateEvent {
        var silence = Silencepb_MeshSilence()
        silence.silence.id = "7e57a11c-0000-4000-8000-000000000001"
        var event = Tocsin_State_V1_StateEvent()
        event.origin = origin
        event.change = .silence(silence)
        return event
    }

    @Test func localChangesBecomeAlertmanagerParts() throws {
        let part = try #require(StateStoreBridge.broadcastPart(for: Self.silenceEvent(origin: .local)))
        #expect(part.key == "sil")
        let entries = try ProtobufReader.splitDelimited(part.data[...])
        #expect(entries.count == 1)
        let decoded = try Silencepb_MeshSilence(serializedBytes: Array(entries[0]))
        #expect(decoded.silence.id == "7e57a11c-0000-4000-8000-000000000001")

        var entry = Nflogpb_MeshEntry()
        entry.entry.groupKey = Data("{}:{alertname=\"x\"}".utf8)
        var event = Tocsin_State_V1_StateEvent()
        event.origin = .local
        event.change = .nflogEntry(entry)
        #expect(StateStoreBridge.broadcastPart(for: event)?.key == "nfl")
    }

    @Test func mergedAndSnapshotChangesAreNotBroadcastAgain() {
        #expect(StateStoreBridge.broadcastPart(for: Self.silenceEvent(origin: .merge)) == nil)
        #expect(StateStoreBridge.broadcastPart(for: Self.silenceEvent(origin: .snapshot)) == nil)
    }
}
