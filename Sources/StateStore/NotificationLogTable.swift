import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

/// The notification log and its rules (nflog.go `Log`): one entry per group key and receiver, the newest
/// timestamp winning, dropped after `expiresAt`. Pure: time comes in as an argument and changes are returned.
struct NotificationLogTable: Sendable {
    private(set) var entries: [String: StoredNotification] = [:]
    let retention: TimeInterval

    init(retention: TimeInterval) {
        self.retention = retention
    }

    var count: Int { entries.count }

    /// Records a successful notification at `now` (nflog.go `Log`): kept until `now + retention`, or
    /// `now + expiry` when `expiry` is positive and shorter. An existing entry stamped after `now` (clock
    /// skew between peers) is kept and nil is returned.
    mutating func log(
        receiver: NotificationReceiver, groupKey: GroupKey, firingAlerts: [UInt64], resolvedAlerts: [UInt64],
        expiry: TimeInterval, now: GoTimestamp
    ) -> StoredNotification? {
        let key = NotificationLogEntry.stateKey(groupKey: groupKey, receiver: receiver)
        if let previous = entries[key], now < previous.timestamp {
            return nil
        }
        let expiresAt = expiry > 0 && retention > expiry ? now.adding(expiry) : now.adding(retention)
        var mesh = Nflogpb_MeshEntry()
        mesh.entry.groupKey = Data(groupKey.rawValue.utf8)
        mesh.entry.receiver.groupName = receiver.groupName
        mesh.entry.receiver.integration = receiver.integration
        mesh.entry.receiver.idx = receiver.idx
        mesh.entry.timestamp = now.protobuf
        mesh.entry.firingAlerts = firingAlerts
        mesh.entry.resolvedAlerts = resolvedAlerts
        mesh.expiresAt = expiresAt.protobuf
        return merge(mesh, now: now)
    }

    /// The entry for a receiver and group key.
    func entry(receiver: NotificationReceiver, groupKey: GroupKey) -> StoredNotification? {
        entries[NotificationLogEntry.stateKey(groupKey: groupKey, receiver: receiver)]
    }

    /// nflog.go `state.merge`: ignores entries already past `expiresAt`; takes the entry when the key is new
    /// or its timestamp is strictly later.
    mutating func merge(_ mesh: Nflogpb_MeshEntry, now: GoTimestamp) -> StoredNotification? {
        if GoTimestamp(has: mesh.hasExpiresAt, mesh.expiresAt) < now {
            return nil
        }
        let incoming = StoredNotification(mesh: mesh)
        if let previous = entries[incoming.stateKey], !(previous.timestamp < incoming.timestamp) {
            return nil
        }
        entries[incoming.stateKey] = incoming
        return incoming
    }

    /// Puts an entry in place without any rule: for log replay and snapshot load.
    mutating func replace(_ stored: StoredNotification) {
        entries[stored.stateKey] = stored
    }

    /// Removes an entry (garbage collection, or its replay).
    mutating func remove(stateKey: String) {
        entries[stateKey] = nil
    }

    /// Drops entries whose `expiresAt` is not after `now` (nflog.go `GC`); returns the removed keys.
    mutating func collectGarbage(now: GoTimestamp) -> [String] {
        let doomed = entries.filter { !(now < $0.value.expiresAtTimestamp) }.map(\.key)
        doomed.forEach { entries[$0] = nil }
        return doomed
    }

    /// Alertmanager's `MarshalBinary`: every `MeshEntry`, length-delimited.
    func marshal() throws -> [UInt8] {
        var bytes: [UInt8] = []
        for stored in entries.values {
            try DelimitedMessages.append(stored.mesh, to: &bytes)
        }
        return bytes
    }
}
