import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

extension StateStore {
    /// All silences as Alertmanager's `MarshalBinary` (length-delimited `MeshSilence`s): the `sil` part of
    /// a push/pull full state. Empty state is empty bytes.
    public func silencesState() -> [UInt8] {
        (try? silenceTable.marshal()) ?? []
    }

    /// All nflog entries as length-delimited `MeshEntry`s: the `nfl` part of a push/pull full state.
    public func notificationLogState() -> [UInt8] {
        (try? notificationTable.marshal()) ?? []
    }

    /// Merges silences received from a peer (a gossip message or a full state) with Alertmanager's rules:
    /// entries past `expiresAt` are ignored, an entry wins when its id is new or its `updated_at` is strictly
    /// later; no validation. A blob that does not decode, or holds an entry without a silence, is rejected
    /// whole. Returns how many silences changed, durable on return; the gossip agent re-broadcasts the
    /// message when this is positive and the message was not oversized (`oversized` keeps the metric right).
    @discardableResult
    public func mergeSilences(_ bytes: [UInt8], oversized: Bool = false) async throws(StateStoreError) -> Int {
        try checkWritable()
        let meshes: [Silencepb_MeshSilence]
        do {
            meshes = try DelimitedMessages.decode(Silencepb_MeshSilence.self, from: bytes).map(\.message)
        } catch {
            throw .malformedState(offset: error.offset, reason: error.reason)
        }
        guard meshes.allSatisfy(\.hasSilence) else {
            throw .invalidState
        }
        let instant = now()
        var changed = 0
        for mesh in meshes {
            if let stored = silenceTable.merge(mesh, now: instant) {
                stageSilence(stored, origin: .merge)
                changed += 1
            }
        }
        guard changed > 0 else {
            return 0
        }
        if !oversized {
            counters.silencesGossipMessagesPropagatedTotal += UInt64(changed)
        }
        try await commit()
        return changed
    }

    /// Merges nflog entries received from a peer with Alertmanager's rules: entries past `expiresAt` are
    /// ignored, an entry wins when its key is new or its timestamp is strictly later. A blob with an entry
    /// lacking `entry` or `receiver` is rejected whole (nflog.go `decodeState`). Returns how many changed.
    @discardableResult
    public func mergeNotificationLog(
        _ bytes: [UInt8], oversized: Bool = false
    ) async throws(StateStoreError) -> Int {
        try checkWritable()
        let meshes: [Nflogpb_MeshEntry]
        do {
            meshes = try DelimitedMessages.decode(Nflogpb_MeshEntry.self, from: bytes).map(\.message)
        } catch {
            throw .malformedState(offset: error.offset, reason: error.reason)
        }
        guard meshes.allSatisfy({ $0.hasEntry && $0.entry.hasReceiver }) else {
            throw .invalidState
        }
        let instant = now()
        var changed = 0
        for mesh in meshes {
            if let stored = notificationTable.merge(mesh, now: instant) {
                stageNotification(stored, origin: .merge)
                changed += 1
            }
        }
        guard changed > 0 else {
            return 0
        }
        if !oversized {
            counters.nflogGossipMessagesPropagatedTotal += UInt64(changed)
        }
        try await commit()
        return changed
    }
}
