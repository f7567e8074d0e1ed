import TocsinWire

/// Answers cluster status queries on the gossip socket from the agent, so the dispatcher and notifiers see
/// the membership, settle state and position without speaking memberlist.
public struct ClusterStatusHandler: WireRequestHandler {
    let agent: GossipAgent

    /// A handler reporting `agent`'s view.
    public init(agent: GossipAgent) {
        self.agent = agent
    }

    public func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        guard case .cluster(let cluster) = request, case .status? = cluster.body else { return nil }
        var response = Tocsin_Cluster_V1_ClusterResponse()
        response.body = .status(await self.agent.status())
        return .cluster(response)
    }
}
