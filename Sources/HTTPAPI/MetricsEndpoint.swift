import Hummingbird
import NIOCore

/// `GET /metrics`: the whole node's metrics in the Prometheus text format, gathered on each scrape from
/// the dispatcher itself and from every other process (a process that does not answer is left out of
/// that scrape rather than failing it).
public struct MetricsEndpoint: Sendable {
    public typealias Gather = @Sendable () async -> String

    let gather: Gather

    public init(gather: @escaping Gather) {
        self.gather = gather
    }

    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        router.get(RouterPath("\(prefix)/metrics")) { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: await self.gather()))
            )
        }
    }
}
