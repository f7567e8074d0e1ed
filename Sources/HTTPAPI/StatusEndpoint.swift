import Foundation
import Hummingbird
import TocsinConfig
import TocsinDaemon

/// `GET /api/v2/status` and `GET /api/v2/receivers`, in Alertmanager 0.25's shapes, enough for amtool
/// (`amtool config show` prints `config.original`).
///
/// `versionInfo.version` is the Alertmanager version we are compatible with, so tools that branch on it
/// treat us as 0.25; `revision` names Tocsin's own version. The cluster is `disabled` without clustering;
/// with it, `ready` with no peers listed, as the gossip agent does not report membership to the API yet.
public struct StatusEndpoint: Sendable {
    /// The config in force.
    public typealias CurrentConfig = @Sendable () async -> AlertmanagerConfig

    let config: CurrentConfig
    let clusterEnabled: Bool
    let startedAt: Date

    public init(clusterEnabled: Bool, startedAt: Date = Date(), config: @escaping CurrentConfig) {
        self.config = config
        self.clusterEnabled = clusterEnabled
        self.startedAt = startedAt
    }

    /// Adds the endpoints to `router` under `prefix` (Alertmanager's `--web.route-prefix`, "" for none).
    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        router.get(RouterPath("\(prefix)/api/v2/status")) { _, _ in
            let current = await self.config()
            let cluster = GoJSON.object([
                ("peers", "[]"),
                ("status", GoJSON.string(self.clusterEnabled ? "ready" : "disabled")),
            ])
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
