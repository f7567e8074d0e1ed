import TocsinWire

/// Asks tocsin-gossip for its view of the cluster (name, settle status, members, position, peer timeout)
/// over its socket, so the dispatcher and the notifiers follow the same membership Alertmanager's
/// `cluster.Peer` gives its API, dispatcher and notification pipeline.
public struct ClusterStatusQuery: Sendable {
    /// Why no status could be had.
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    let gossip: WireClient

    /// A query over `gossip`, a client of tocsin-gossip's socket.
    public init(gossip: WireClient) {
        self.gossip = gossip
    }

    /// The agent's current status.
    ///
    /// - Throws: ``Unavailable`` when the agent cannot be reached in `timeout` or answers something else.
    public func fetch(timeout: Duration = .seconds(2)) async throws(Unavailable) -> Tocsin_Cluster_V1_Status {
        var request = Tocsin_Cluster_V1_ClusterRequest()
        request.body = .status(Tocsin_Cluster_V1_StatusQuery())
        let answer: WireResponse.OneOf_Body
        do {
            answer = try await self.gossip.request(.cluster(request), timeout: timeout)
        } catch {
            throw Unavailable(description: "the gossip agent did not answer the cluster status: \(error)")
        }
        guard case .cluster(let response) = answer, case .status(let status)? = response.body else {
            throw Unavailable(description: "the gossip agent answered the cluster status with something else: \(answer)")
        }
        return status
    }
}

extension Tocsin_Cluster_V1_Status {
    /// Whether the agent has settled (or stopped waiting for it): Alertmanager's `Peer.Ready()`.
    public var isSettled: Bool { self.status == "ready" }

    /// How long this node's notification pipeline waits before its dedup stage: position × peer timeout
    /// (Alertmanager's `clusterWait`), so the peers sorted before it get to send and record first.
    public var peerWait: Duration { .milliseconds(Int64(self.position) * self.peerTimeoutMilliseconds) }
}
