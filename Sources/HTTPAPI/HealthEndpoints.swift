import Hummingbird
import NIOCore
import TocsinWire

/// `/-/healthy` and `/-/ready`, as Alertmanager serves them (200 with body `OK`; HEAD without a body).
///
/// Improvement over Alertmanager, whose `/-/ready` is always OK: ours answers 503 until every process of the
/// stack is up (state store, gossip when clustering, dispatcher, notifiers), with the missing parts in the
/// body, so a load balancer or Kubernetes never sends traffic to a half-started node.
public struct HealthEndpoints: Sendable {
    /// Answers what the stack still waits for; ready when the list is empty.
    public typealias ReadinessProbe = @Sendable () async -> WireReadiness

    let readiness: ReadinessProbe

    public init(readiness: @escaping ReadinessProbe) {
        self.readiness = readiness
    }

    /// Adds the endpoints to `router` under `prefix` (Alertmanager's `--web.route-prefix`, "" for none).
    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        let healthy = "\(prefix)/-/healthy"
        let ready = "\(prefix)/-/ready"
        router.get(RouterPath(healthy)) { _, _ in Self.ok() }
        router.head(RouterPath(healthy)) { _, _ in Response(status: .ok) }
        router.get(RouterPath(ready)) { _, _ in
            let state = await self.readiness()
            return state.ready ? Self.ok() : Self.notReady(state)
        }
        router.head(RouterPath(ready)) { _, _ in
            Response(status: await self.readiness().ready ? .ok : .serviceUnavailable)
        }
    }

    private static func ok() -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "OK"))
        )
    }

    private static func notReady(_ state: WireReadiness) -> Response {
        Response(
            status: .serviceUnavailable,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "Not ready: waiting for \(state.waitingFor.joined(separator: ", "))\n"))
        )
    }
}
