import Foundation
import TocsinModel

/// The notification log as the pipeline needs it: the last entry of one (group, integration), and
/// recording a successful notification. The state store's client implements it; tests use a fake.
public protocol NotificationLog: Sendable {
    /// The latest entry for the group and integration, nil when none is logged.
    func entry(groupKey: String, receiver: NotificationReceiver) async throws -> NotificationLogEntry?
    /// Records a notification; returns only once it is durable, so an acknowledged job is never resent.
    func record(groupKey: String, receiver: NotificationReceiver, firing: [UInt64], resolved: [UInt64], expiry: Duration) async throws
}
