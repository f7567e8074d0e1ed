import HTTPAPI
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Testing
import TocsinDaemon

/// `--web.get-concurrency` and the HTTP metrics, driven through the middleware with real requests.
@Suite struct APIRequestPolicyTests {
    private func request(_ method: HTTPRequest.Method, _ path: String) -> Request {
        Request(
            head: HTTPRequest(method: method, scheme: "http", authority: "127.0.0.1", path: path), body: RequestBody(buffer: ByteBuffer()))
    }

    private func context() -> BasicRequestContext {
        BasicRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test")))
    }

    private static func text(_ response: Response) async throws -> String {
        let collector = BodyCollector()
        try await response.body.write(collector)
        return await collector.text
    }

    @Test func aGETBeyondTheLimitIsRefusedWithAlertmanagersTextWhileOthersPass() async throws {
        let metrics = HTTPMetrics()
        let policy = APIRequestPolicy<BasicRequestContext>(prefix: "/am", getConcurrency: 1, metrics: metrics)
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()

        async let slow = policy.handle(request(.get, "/am/api/v2/alerts"), context: context()) { _, _ in
            enteredContinuation.yield()
            for await _ in release { break }
            return Response(status: .ok)
        }
        for await _ in entered { break }

        let refused = try await policy.handle(request(.get, "/am/api/v2/silences"), context: context()) { _, _ in
            Issue.record("a second GET must not reach the handler while the limit is used")
            return Response(status: .ok)
        }
        #expect(refused.status == .serviceUnavailable)
        #expect(try await Self.text(refused) == "Limit of concurrent GET requests reached (1), try again later.\n")
        #expect(refused.headers[.contentType] == "text/plain; charset=utf-8")

        // POSTs and routes outside the API are never limited.
        let post = try await policy.handle(request(.post, "/am/api/v2/alerts"), context: context()) { _, _ in Response(status: .ok) }
        #expect(post.status == .ok)
        let health = try await policy.handle(request(.get, "/am/-/healthy"), context: context()) { _, _ in Response(status: .ok) }
        #expect(health.status == .ok)

        releaseContinuation.yield()
        #expect(try await slow.status == .ok)
        let after = try await policy.handle(request(.get, "/am/api/v2/alerts"), context: context()) { _, _ in Response(status: .ok) }
        #expect(after.status == .ok)

        var out = PrometheusExposition()
        metrics.render(into: &out)
        #expect(out.text.contains("alertmanager_http_concurrency_limit_exceeded_total{method=\"get\"} 1\n"))
        #expect(out.text.contains("alertmanager_http_requests_in_flight{method=\"get\"} 0\n"))
        #expect(out.text.contains("alertmanager_http_request_duration_seconds_count{handler=\"/-/healthy\",method=\"get\"} 1\n"))
        #expect(!out.text.contains("handler=\"/api/v2/alerts\""), "API routes are not instrumented in 0.25")
    }

    @Test func theDefaultLimitIsTheProcessorCountButAtLeastEight() {
        #expect(APIRequestPolicy<BasicRequestContext>.effectiveLimit(0) >= 8)
        #expect(APIRequestPolicy<BasicRequestContext>.effectiveLimit(-3) >= 8)
        #expect(APIRequestPolicy<BasicRequestContext>.effectiveLimit(3) == 3)
    }

    @Test func routePrefixComesFromTheFlagOrTheExternalURLsPath() {
        #expect(RoutePrefix.resolve(routePrefix: nil, externalURL: "http://host:9093") == "")
        #expect(RoutePrefix.resolve(routePrefix: nil, externalURL: "http://host:9093/") == "")
        #expect(RoutePrefix.resolve(routePrefix: nil, externalURL: "https://host/alerting/am/?x=1") == "/alerting/am")
        #expect(RoutePrefix.resolve(routePrefix: "/am/", externalURL: "http://host/other") == "/am")
        #expect(RoutePrefix.resolve(routePrefix: "am", externalURL: "") == "/am")
        #expect(RoutePrefix.resolve(routePrefix: "/", externalURL: "http://host/x") == "")
    }
}

/// Collects a response body written through Hummingbird's writer.
private actor BodyCollector: ResponseBodyWriter {
    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func write(_ buffer: ByteBuffer) async throws {
        bytes += buffer.readableBytesView
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
