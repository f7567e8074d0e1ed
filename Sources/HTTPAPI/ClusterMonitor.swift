import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TocsinDaemon
import TocsinDispatch
import TocsinWire

/// The dispatcher's view of the cluster, kept current from tocsin-gossip: polled (every `interval` while
/// settling, every `settledInterval` after) so the pipeline reads the peer wait without a round trip per
/// flush, and queried afresh for the API.
///
/// Flushing starts once the agent reports the cluster settled; the agent owns Alertmanager's settle
/// algorithm and its `--cluster.settle-timeout`, and reports "ready" when either ends the wait.
public final class ClusterMonitor: Service, ClusterMembership {
    let query: ClusterStatusQuery
    let interval: Duration
    let settledInterval: Duration
    let logger: Logger
    private let latest = Mutex<Tocsin_Cluster_V1_Status?>(nil)

    /// A monitor of the agent behind `gossip`, polling every `interval` until the cluster settles and every
    /// `settledInterval` after (membership changes show within that; an idle node stays idle).
    public init(gossip: WireClient, interval: Duration = .milliseconds(250), settledInterval: Duration = .seconds(1), logger: Logger) {
        self.query = ClusterStatusQuery(gossip: gossip)
        self.interval = interval
        self.settledInterval = settledInterval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var reachable = true
            while !Task.isCancelled {
                let fresh = await self.refresh()
                if fresh == nil, reachable {
                    self.logger.debug("The gossip agent does not answer the cluster status; keeping the last one")
                }
                reachable = fresh != nil
                try? await Task.sleep(for: self.current?.isSettled == true ? self.settledInterval : self.interval)
            }
        }
    }

    /// Asks the agent now; keeps and returns its answer, or nil (keeping the last one) when it did not answer
    /// within `timeout`.
    @discardableResult
    public func refresh(timeout: Duration = .seconds(2)) async -> Tocsin_Cluster_V1_Status? {
        guard let status = try? await self.query.fetch(timeout: timeout) else { return nil }
        self.latest.withLock { $0 = status }
        return status
    }

    /// The last status the agent reported, nil before its first answer.
    public var current: Tocsin_Cluster_V1_Status? { self.latest.withLock { $0 } }

    public var peerWait: TimeInterval {
        guard let wait = self.current?.peerWait else { return 0 }
        return Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
    }

    public func waitUntilSettled() async {
        let started = ContinuousClock.now
        self.logger.info("Waiting for the cluster to settle before flushing")
        while !Task.isCancelled, self.current?.isSettled != true {
            try? await Task.sleep(for: .milliseconds(50))
        }
        self.logger.info("The cluster settled; flushing", metadata: ["elapsed": "\(ContinuousClock.now - started)"])
    }
}
