import TocsinDaemon
import TocsinWire

/// The WaitStage's delay for a node in a cluster: this node's position among the members sorted by name
/// times `--cluster.peer-timeout`, asked of tocsin-gossip for every job, as Alertmanager evaluates it when
/// the stage runs (notify.go `WaitStage`, cluster.go `Position`).
///
/// The first node sends at once; the second sleeps one peer timeout, by when the first one's nflog entry
/// has been gossiped into the local state store, so its dedup stage finds it and does not send again.
/// When the agent cannot be asked, the last answer is used; with none, the job fails (to be tried at the
/// next flush) rather than sending without knowing whether a peer before us has sent.
public actor ClusterPeerWait {
    let query: ClusterStatusQuery
    private var last: Duration?

    /// The wait as tocsin-gossip behind `gossip` reports it.
    public init(gossip: WireClient) {
        self.query = ClusterStatusQuery(gossip: gossip)
    }

    /// The wait to apply now.
    ///
    /// - Throws: ``NotifyFailure`` when the agent has never answered.
    public func current() async throws(NotifyFailure) -> Duration {
        do {
            let wait = try await self.query.fetch().peerWait
            self.last = wait
            return wait
        } catch {
            if let last = self.last { return last }
            throw NotifyFailure("this node's position in the cluster is unknown: \(error)")
        }
    }
}
