import Foundation

/// A record that a group was notified through one integration (nflogpb `MeshEntry`): which alerts were firing
/// and resolved (by `LabelSet.alertHash`) and until when the record is kept.
///
/// Data only; the log, its merge rules and GC live in the state store. Only the latest entry per `stateKey`
/// is kept there.
public struct NotificationLogEntry: Sendable, Hashable {
    /// The aggregation group that was notified.
    public var groupKey: GroupKey
    /// The integration that sent the notification.
    public var receiver: NotificationReceiver
    /// When the notification succeeded.
    public var timestamp: Date
    /// `LabelSet.alertHash` of each alert that was firing in the notification.
    public var firingAlerts: [UInt64]
    /// `LabelSet.alertHash` of each alert that was resolved in the notification.
    public var resolvedAlerts: [UInt64]
    /// When the entry may be garbage-collected.
    public var expiresAt: Date

    /// An entry with the given fields.
    public init(
        groupKey: GroupKey,
        receiver: NotificationReceiver,
        timestamp: Date,
        firingAlerts: [UInt64],
        resolvedAlerts: [UInt64],
        expiresAt: Date
    ) {
        self.groupKey = groupKey
        self.receiver = receiver
        self.timestamp = timestamp
        self.firingAlerts = firingAlerts
        self.resolvedAlerts = resolvedAlerts
        self.expiresAt = expiresAt
    }

    /// `groupKey:receiver/integration/idx` (nflog.go `stateKey`), the key the nflog stores entries under.
    public var stateKey: String {
        Self.stateKey(groupKey: groupKey, receiver: receiver)
    }

    /// The state key for a group key and receiver, for lookups without an entry at hand.
    public static func stateKey(groupKey: GroupKey, receiver: NotificationReceiver) -> String {
        groupKey.rawValue + ":" + receiver.description
    }
}
