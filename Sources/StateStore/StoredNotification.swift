import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

/// An nflog entry as the store holds it: Alertmanager's `MeshEntry` (the truth, snapshotted and gossiped
/// unchanged) and the model entry decoded from it.
public struct StoredNotification: Sendable {
    /// The entry exactly as it is stored, snapshotted and gossiped.
    public let mesh: Nflogpb_MeshEntry
    /// The model entry.
    public let entry: NotificationLogEntry

    /// Wraps a mesh entry, decoding its model form.
    public init(mesh: Nflogpb_MeshEntry) {
        self.mesh = mesh
        let receiver = mesh.entry.receiver
        entry = NotificationLogEntry(
            groupKey: GroupKey(rawValue: String(decoding: mesh.entry.groupKey, as: UTF8.self)),
            receiver: NotificationReceiver(
                groupName: receiver.groupName, integration: receiver.integration, idx: receiver.idx),
            timestamp: GoTimestamp(has: mesh.entry.hasTimestamp, mesh.entry.timestamp).date,
            firingAlerts: mesh.entry.firingAlerts,
            resolvedAlerts: mesh.entry.resolvedAlerts,
            expiresAt: GoTimestamp(has: mesh.hasExpiresAt, mesh.expiresAt).date)
    }

    /// `group_key:receiver/integration/idx`, the key the log is kept under (nflog.go `stateKey`).
    public var stateKey: String { entry.stateKey }

    /// The bytes of the one length-delimited `MeshEntry` that Alertmanager gossips for this entry.
    public func delimitedBytes() throws -> [UInt8] {
        try DelimitedMessages.encode(mesh)
    }

    var timestamp: GoTimestamp { GoTimestamp(has: mesh.entry.hasTimestamp, mesh.entry.timestamp) }
    var expiresAtTimestamp: GoTimestamp { GoTimestamp(has: mesh.hasExpiresAt, mesh.expiresAt) }
}
