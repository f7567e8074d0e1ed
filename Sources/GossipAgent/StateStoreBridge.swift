import Foundation
import Memberlist
import SwiftProtobuf
import TocsinWire

/// The gossip agent's view of tocsin-state: the full state for push/pull, merging what peers send, and the
/// stream of local changes to broadcast. Everything travels in Alertmanager's own bytes (varint-delimited
/// `MeshSilence` / `MeshEntry`), so nothing is converted on the way between the store and the wire.
public struct StateStoreBridge: Sendable {
    /// Alertmanager's state keys (cmd/alertmanager/main.go `peer.AddState`).
    public static let silencesKey = "sil"
    public static let notificationLogKey = "nfl"

    let client: WireClient
    let timeout: Duration

    /// A bridge over a client of the state store's socket.
    public init(client: WireClient, timeout: Duration = .seconds(5)) {
        self.client = client
        self.timeout = timeout
    }

    static func kind(for key: String) -> Tocsin_State_V1_StateKind? {
        switch key {
        case silencesKey: return .silences
        case notificationLogKey: return .nflog
        default: return nil
        }
    }

    /// Both parts of the push/pull user state. A part the store cannot export right now is sent empty, as
    /// an empty state merges nothing on the peer.
    public func fullState() async -> ClusterFullState {
        var parts: [ClusterPart] = []
        for key in [Self.notificationLogKey, Self.silencesKey] {
            var export = Tocsin_State_V1_ExportState()
            export.kind = Self.kind(for: key)!
            let data: [UInt8]
            if case .state(let response)? = try? await self.request(.exportState(export)), case .exportedState(let state) = response.body {
                data = Array(state.data)
            } else {
                data = []
            }
            parts.append(ClusterPart(key: key, data: data))
        }
        return ClusterFullState(parts: parts)
    }

    /// Merges one part by Alertmanager's rules and answers how many entries changed; parts under keys the
    /// store does not keep are ignored, as Alertmanager ignores them.
    public func merge(_ part: ClusterPart) async throws -> Int {
        guard let kind = Self.kind(for: part.key), !part.data.isEmpty else { return 0 }
        var merge = Tocsin_State_V1_MergeState()
        merge.kind = kind
        merge.data = Data(part.data)
        guard case .state(let response) = try await self.request(.mergeState(merge)), case .stateMerged(let merged) = response.body else {
            return 0
        }
        return Int(merged.changed)
    }

    /// The part Alertmanager would broadcast for a change made on this node, or nil for changes that are not
    /// broadcast (merged from a peer, part of a snapshot, or a removal by garbage collection).
    public static func broadcastPart(for event: Tocsin_State_V1_StateEvent) -> ClusterPart? {
        guard event.origin == .local else { return nil }
        switch event.change {
        case .silence(let silence)?:
            guard let bytes: [UInt8] = try? silence.serializedBytes() else { return nil }
            return ClusterPart(key: silencesKey, data: ProtobufWriter.delimited([bytes]))
        case .nflogEntry(let entry)?:
            guard let bytes: [UInt8] = try? entry.serializedBytes() else { return nil }
            return ClusterPart(key: notificationLogKey, data: ProtobufWriter.delimited([bytes]))
        default:
            return nil
        }
    }

    /// Calls `broadcast` with each local change, in order, until the subscription ends or the task is cancelled.
    public func forEachLocalChange(_ broadcast: @Sendable (ClusterPart) async -> Void) async {
        let updates = await self.client.subscribe(to: "state")
        do {
            for try await update in updates {
                guard case .event(let event) = update, case .state(let change)? = event.body,
                    let part = Self.broadcastPart(for: change)
                else { continue }
                await broadcast(part)
            }
        } catch {
            return
        }
    }

    func request(_ body: Tocsin_State_V1_StateRequest.OneOf_Body) async throws -> WireResponse.OneOf_Body {
        var request = Tocsin_State_V1_StateRequest()
        request.body = body
        return try await self.client.request(.state(request), timeout: self.timeout)
    }
}
