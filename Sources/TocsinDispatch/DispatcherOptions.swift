import Foundation

/// The dispatcher's knobs that come from the command line rather than alertmanager.yml.
public struct DispatcherOptions: Sendable, Hashable {
    /// How often resolved alerts are collected from the store (`--alerts.gc-interval`, 30m).
    public var garbageCollectionInterval: Foundation.TimeInterval = 30 * 60
    /// How often empty aggregation groups are deleted (hard-coded 30s in dispatch.go).
    public var emptyGroupCleanupInterval: Foundation.TimeInterval = 30
    /// Added to every job's deadline: this node's position times `--cluster.peer-timeout`, which the notifier
    /// waits before sending (dispatch.go `d.timeout`).
    public var peerWait: Foundation.TimeInterval = 0

    /// Alertmanager's defaults for a single node.
    public init() {}
}
