import Foundation
import Hummingbird
import TocsinConfig
import TocsinDaemon
import TocsinWire

/// `GET /api/v2/status` and `GET /api/v2/receivers`, in Alertmanager 0.25's shapes, enough for amtool
/// (`amtool config show` prints `config.original`).
///
/// `versionInfo.version` is the Alertmanager version we are compatible with, so tools that branch on it
/// treat us as 0.25; `revision` names Tocsin's own version. The cluster is `disabled` without clustering;
/// with it, the gossip agent's name, its members (sorted by name, with their addresses) and "settling" or
/// "ready", as Alertmanager reports its `cluster.Peer`.
public struct StatusEndpoint: Sendable {
    /// The config in force.
    public typealias CurrentConfig = @Sendable () async -> AlertmanagerConfig

    let config: CurrentConfig
    let cluster: ClusterMonitor?
    let startedAt: Date

    /// The endpoints; `cluster` is nil when clustering is off.
    public init(cluster: ClusterMonitor?, startedAt: Date = Date(), config: @escaping CurrentConfig) {
        self.config = config
        self.cluster = cluster
        self.startedAt = startedAt
    }

    /// The `cluster` object: disabled; or the agent's answer now, else its last one; before any answer, a
    /// node still settling with no members known.
    func clusterJSON() async -> String {
        guard let monitor = self.cluster else {
            return GoJSON.object([("peers", "[]"), ("status", GoJSON.string("disabled"))])
        }
        var status: Tocsin_Cluster_V1_Status
        // A short wait: while the agent restarts, the API answers with the last status rather than hang.
        if let fresh = await monitor.refresh(timeout: .milliseconds(500)) {
            status = fresh
        } else if let last = monitor.current {
            status = last
        } else {
            status = Tocsin_Cluster_V1_Status()
            status.status = "settling"
        }
        let peers = status.peers.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }.map { peer in
            GoJSON.object([("address", GoJSON.string(peer.address)), ("name", GoJSON.string(peer.name))])
        }
        var fields: [(String, String)] = []
        // ClusterStatus.Name is `omitempty`.
        if !status.name.isEmpty { fields.append(("name", GoJSON.string(status.name))) }
        fields.append(("peers", GoJSON.array(peers)))
        fields.append(("status", GoJSON.string(status.status)))
        return GoJSON.object(fields)
    }

    /// Adds the endpoints to `router` under `prefix` (Alertmanager's `--web.route-prefix`, "" for none).
    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        router.get(RouterPath("\(prefix)/api/v2/status")) { _, _ in
            let current = await self.config()
            let cluster = await self.clusterJSON()
            let version = GoJSON.object([
                ("branch", GoJSON.string("")),
                ("buildDate", GoJSON.string("")),
                ("buildUser", GoJSON.string("")),
                ("goVersion", GoJSON.string("")),
                ("revision", GoJSON.string("tocsin-\(TocsinVersion.version)")),
                ("version", GoJSON.string(TocsinVersion.alertmanagerCompatibility)),
            ])
            let body = GoJSON.object([
                ("cluster", cluster),
                ("config", GoJSON.object([("original", GoJSON.string(current.renderedYAML))])),
                ("uptime", GoJSON.string(APITimestamp.format(self.startedAt))),
                ("versionInfo", version),
            ])
            return APIResponse.json(.ok, body + "\n")
        }
        router.get(RouterPath("\(prefix)/api/v2/receivers")) { _, _ in
            let names = await self.config().receivers.map { GoJSON.object([("name", GoJSON.string($0.name))]) }
            return APIResponse.json(.ok, GoJSON.array(names) + "\n")
        }
    }
}
