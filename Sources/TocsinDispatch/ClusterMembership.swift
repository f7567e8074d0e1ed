import Foundation

/// What the dispatcher needs from the cluster this node belongs to (Alertmanager's `cluster.Peer` as
/// dispatch.go and the notification pipeline use it).
///
/// Alertmanager's first notification stage waits until gossip has settled, so a node that has just started
/// does not notify before it has learnt its peers and their notification log; and every flush's deadline
/// is extended by this node's wait (position × peer timeout), which its notifier sleeps before dedup.
public protocol ClusterMembership: Sendable {
    /// Returns once the cluster has settled, or the agent gave up waiting for it (`--cluster.settle-timeout`).
    func waitUntilSettled() async

    /// This node's position among the members sorted by name times `--cluster.peer-timeout`, as of now.
    var peerWait: Foundation.TimeInterval { get }
}
