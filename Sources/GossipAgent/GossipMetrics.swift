import Synchronization
import TocsinDaemon

/// The cluster metrics Alertmanager exposes, with its names and help texts (cluster/cluster.go,
/// cluster/delegate.go): membership gauges kept current by the agent, message counters by `msg_type`.
public final class GossipMetrics: Sendable {
    /// Alertmanager's two message types: a push/pull's user state, or one gossiped or streamed part.
    public enum MessageType: String, Sendable, CaseIterable {
        case fullState = "full_state"
        case update
    }

    struct Counts {
        var received: [MessageType: (count: Double, bytes: Double)] = [:]
        var sent: [MessageType: (count: Double, bytes: Double)] = [:]
        var oversizedSent: [String: Double] = [:]
        var oversizedFailed: [String: Double] = [:]
        var name = ""
        var members = 1
        var healthScore = 0
        var position = 0
        var joined: Double = 0
        var left: Double = 0
        var failedPeers = 0
        var reconnections: Double = 0
        var reconnectionsFailed: Double = 0
        var refreshJoins: Double = 0
        var refreshJoinsFailed: Double = 0
    }

    /// Why the agent tried to join a peer after the start.
    public enum JoinAttempt: Sendable {
        /// A member that left or failed (Alertmanager's reconnect loop).
        case reconnect
        /// A configured `--cluster.peer` that is not a member (Alertmanager's refresh loop).
        case refresh
    }

    private let counts = Mutex(Counts())

    public init() {}

    /// Counts a message received from a peer.
    public func received(_ type: MessageType, bytes: Int) {
        self.counts.withLock { counts in
            let old = counts.received[type] ?? (0, 0)
            counts.received[type] = (old.count + 1, old.bytes + Double(bytes))
        }
    }

    /// Counts a message sent to peers: a push/pull's state, a gossiped part once when it is queued (Alertmanager
    /// counts it at each of its transmissions), an oversized part once per peer it was streamed to.
    public func sent(_ type: MessageType, bytes: Int) {
        self.counts.withLock { counts in
            let old = counts.sent[type] ?? (0, 0)
            counts.sent[type] = (old.count + 1, old.bytes + Double(bytes))
        }
    }

    /// Counts one oversized part sent (or failed) over TCP to one peer, by key.
    public func oversized(key: String, succeeded: Bool) {
        self.counts.withLock { counts in
            if succeeded {
                counts.oversizedSent[key, default: 0] += 1
            } else {
                counts.oversizedFailed[key, default: 0] += 1
            }
        }
    }

    /// Counts a member joining or leaving.
    public func membershipChanged(joined: Bool) {
        self.counts.withLock { counts in
            if joined { counts.joined += 1 } else { counts.left += 1 }
        }
    }

    /// Counts one rejoin attempt and its outcome.
    public func joinAttempted(_ attempt: JoinAttempt, succeeded: Bool) {
        self.counts.withLock { counts in
            switch attempt {
            case .reconnect:
                counts.reconnections += 1
                if !succeeded { counts.reconnectionsFailed += 1 }
            case .refresh:
                counts.refreshJoins += 1
                if !succeeded { counts.refreshJoinsFailed += 1 }
            }
        }
    }

    /// Records how many lost members are being retried.
    public func update(failedPeers: Int) {
        self.counts.withLock { $0.failedPeers = failedPeers }
    }

    /// Records the membership view after a change.
    public func update(name: String, members: Int, healthScore: Int, position: Int) {
        self.counts.withLock { counts in
            counts.name = name
            counts.members = members
            counts.healthScore = healthScore
            counts.position = position
        }
    }

    /// This node's position among the live members sorted by name, which delays its notifications.
    public var position: Int { self.counts.withLock { $0.position } }

    /// How many live members (ourselves included) the node sees.
    public var members: Int { self.counts.withLock { $0.members } }

    /// Writes the families in Alertmanager's text.
    public func render(into out: inout PrometheusExposition) {
        let counts = self.counts.withLock { $0 }
        out.gauge("alertmanager_cluster_failed_peers", help: "Number indicating the current number of failed peers in the cluster.", Double(counts.failedPeers))
        out.gauge("alertmanager_cluster_health_score", help: "Health score of the cluster. Lower values are better and zero means 'totally healthy'.", Double(counts.healthScore))
        out.gauge("alertmanager_cluster_members", help: "Number indicating current number of members in cluster.", Double(counts.members))
        func byType(_ table: [MessageType: (count: Double, bytes: Double)], _ field: KeyPath<(count: Double, bytes: Double), Double>) -> [(labels: [(String, String)], value: Double)] {
            MessageType.allCases.map { type in ([("msg_type", type.rawValue)], (table[type] ?? (0, 0))[keyPath: field]) }
        }
        out.counter("alertmanager_cluster_messages_received_size_total", help: "Total size of cluster messages received.", byType(counts.received, \.bytes))
        out.counter("alertmanager_cluster_messages_received_total", help: "Total number of cluster messages received.", byType(counts.received, \.count))
        out.counter("alertmanager_cluster_messages_sent_size_total", help: "Total size of cluster messages sent.", byType(counts.sent, \.bytes))
        out.counter("alertmanager_cluster_messages_sent_total", help: "Total number of cluster messages sent.", byType(counts.sent, \.count))
        out.gauge("alertmanager_cluster_peer_info", help: "A metric with a constant '1' value labeled by peer name.", [([("peer", counts.name)], 1)])
        out.counter("alertmanager_cluster_peers_joined_total", help: "A counter of the number of peers that have joined.", counts.joined)
        out.counter("alertmanager_cluster_peers_left_total", help: "A counter of the number of peers that have left.", counts.left)
        out.counter("alertmanager_cluster_reconnections_failed_total", help: "A counter of the number of failed cluster peer reconnection attempts.", counts.reconnectionsFailed)
        out.counter("alertmanager_cluster_reconnections_total", help: "A counter of the number of cluster peer reconnections.", counts.reconnections)
        out.counter("alertmanager_cluster_refresh_join_failed_total", help: "A counter of the number of failed cluster peer joined attempts via refresh.", counts.refreshJoinsFailed)
        out.counter("alertmanager_cluster_refresh_join_total", help: "A counter of the number of cluster peer joined via refresh.", counts.refreshJoins)
        func byKey(_ table: [String: Double]) -> [(labels: [(String, String)], value: Double)] {
            ["nfl", "sil"].map { ([("key", $0)], table[$0] ?? 0) }
        }
        out.counter("alertmanager_oversized_gossip_message_failure_total", help: "Number of oversized gossip message sends that failed.", byKey(counts.oversizedFailed))
        out.counter("alertmanager_oversized_gossip_message_sent_total", help: "Number of oversized gossip message sent.", byKey(counts.oversizedSent))
        out.gauge("alertmanager_peer_position", help: "Position the Alertmanager instance believes it's in. The position determines a peer's behavior in the cluster.", Double(counts.position))
    }
}
