import HTTPAPI
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import Testing

/// `--web.timeout`: a slow API request gets Alertmanager's 503, fast ones and other routes are untouched.
@Suite struct APITimeoutResponderTests {
    private func request(_ path: String) -> Request {
        Request(
            head: HTTPRequest(method: .get, scheme: "http", authority: "127.0.0.1", path: path), body: RequestBody(buffer: ByteBuffer()))
    }

    private func context() -> BasicRequestContext {
        BasicRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(), logger: Logger(label: "test")))
    }

    /// Answers after `delay`.
    private func slow(_ delay: Duration) -> CallbackResponder<BasicRequestContext> {
        CallbackResponder { _, _ in
            try await Task.sleep(for: delay)
            return Response(status: .ok)
        }
    }

    @Test func aSlowAPIRequestGets503WithTheTimeoutAsGoPrintsIt() async throws {
        let responder = APITimeoutResponder(slow(.seconds(30)), prefix: "", timeout: .milliseconds(100), timeoutText: "100ms")
        let started = ContinuousClock.now
        let response = try await responder.respond(to: request("/api/v2/alerts"), context: context())
        #expect(response.status == .serviceUnavailable)
        #expect(ContinuousClock.now - started < .seconds(20), "answered at the timeout, not when the handler finished")
        let collector = BodyText()
        try await response.body.write(collector)
        #expect(await collector.text == "Exceeded configured timeout of 100ms.\n")
    }

    @Test func fastRequestsAndOtherRoutesAreUntouched() async throws {
        let fast = APITimeoutResponder(slow(.milliseconds(1)), prefix: "/am", timeout: .seconds(20), timeoutText: "20s")
        #expect(try await fast.respond(to: request("/am/api/v2/status"), context: context()).status == .ok)
        let metrics = APITimeoutResponder(slow(.milliseconds(300)), prefix: "/am", timeout: .milliseconds(50), timeoutText: "50ms")
        #expect(try await metrics.respond(to: request("/am/metrics"), context: context()).status == .ok)
    }
}

private actor BodyText: ResponseBodyWriter {
    private var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
    func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
