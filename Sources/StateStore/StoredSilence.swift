import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

/// A silence as the store holds it: Alertmanager's `MeshSilence` (the truth, written to snapshots and
/// gossip unchanged, nanoseconds and all) and the model silence decoded from it.
///
/// `silence` is nil only for a silence merged from a peer whose matchers do not compile: Alertmanager stores
/// those without validation, so we keep and re-export them too, but they never mute and queries skip them.
public struct StoredSilence: Sendable {
    /// The silence exactly as it is stored, snapshotted and gossiped.
    public let mesh: Silencepb_MeshSilence
    /// The model silence, or nil when the stored matchers are invalid.
    public let silence: Silence?

    /// Wraps a mesh silence, decoding its model form.
    public init(mesh: Silencepb_MeshSilence) {
        self.mesh = mesh
        silence = Silence(protobuf: mesh.silence)
    }

    /// The silence id.
    public var id: String { mesh.silence.id }

    /// When the store may drop the silence (`endsAt + retention`).
    public var expiresAt: Date { expiresAtTimestamp.date }

    /// The bytes of the one length-delimited `MeshSilence` that Alertmanager gossips for this silence.
    public func delimitedBytes() throws -> [UInt8] {
        try DelimitedMessages.encode(mesh)
    }

    var startsAt: GoTimestamp { GoTimestamp(has: mesh.silence.hasStartsAt, mesh.silence.startsAt) }
    var endsAt: GoTimestamp { GoTimestamp(has: mesh.silence.hasEndsAt, mesh.silence.endsAt) }
    var updatedAt: GoTimestamp { GoTimestamp(has: mesh.silence.hasUpdatedAt, mesh.silence.updatedAt) }
    var expiresAtTimestamp: GoTimestamp { GoTimestamp(has: mesh.hasExpiresAt, mesh.expiresAt) }

    /// silence.go `getState`: pending before the start, expired after the end, active otherwise.
    func state(at now: GoTimestamp) -> SilenceState {
        if now < startsAt {
            return .pending
        }
        if endsAt < now {
            return .expired
        }
        return .active
    }
}
