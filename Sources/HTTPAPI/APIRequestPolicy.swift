import Hummingbird
import NIOCore
import Synchronization

/// Alertmanager's request handling around the routes: API GETs beyond `--web.get-concurrency` at a time are
/// refused with 503 (`limitHandler` in api.go), GETs in flight are counted, and the non-API routes are
/// instrumented (latency and response size per route), all recorded in ``HTTPMetrics``.
public struct APIRequestPolicy<Context: RequestContext>: RouterMiddleware {
    /// The routes 0.25 instruments, below the route prefix.
    static var instrumentedRoutes: Set<String> { ["/", "/metrics", "/-/healthy", "/-/ready", "/-/reload"] }

    let prefix: String
    let metrics: HTTPMetrics
    let slots: ConcurrencySlots

    /// - Parameters:
    ///   - prefix: the route prefix ("" for none), as given to the endpoints.
    ///   - getConcurrency: `--web.get-concurrency`; below 1 means Alertmanager's default, the number of
    ///     processors but at least 8.
    public init(prefix: String, getConcurrency: Int, metrics: HTTPMetrics) {
        self.prefix = prefix
        self.metrics = metrics
        self.slots = ConcurrencySlots(limit: Self.effectiveLimit(getConcurrency))
    }

    /// `--web.get-concurrency` as Alertmanager applies it.
    public static func effectiveLimit(_ configured: Int) -> Int {
        configured >= 1 ? configured : max(8, System.coreCount)
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isGet = request.method == .get
        if isGet { metrics.getStarted() }
        defer { if isGet { metrics.getFinished() } }

        let path = request.uri.path
        if path.hasPrefix(prefix + "/api/") {
            guard isGet else { return try await next(request, context) }
            guard slots.acquire() else {
                metrics.limitWasExceeded()
                return Self.plainText(
                    .serviceUnavailable, "Limit of concurrent GET requests reached (\(slots.limit)), try again later.\n")
            }
            defer { slots.release() }
            return try await next(request, context)
        }

        let route = path == "/" ? "/" : (path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        guard Self.instrumentedRoutes.contains(route) else { return try await next(request, context) }
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - started
        metrics.observe(
            handler: route, method: request.method.rawValue.lowercased(),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            responseBytes: response.body.contentLength ?? 0)
        return response
    }

    /// A body the way Go's `http.Error` writes it.
    static func plainText(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/plain; charset=utf-8", .init("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A counting semaphore that never waits: a request either gets a slot at once or is refused, as
/// Alertmanager's `select` on its buffered channel does.
final class ConcurrencySlots: Sendable {
    let limit: Int
    private let used = Mutex(0)

    init(limit: Int) {
        self.limit = limit
    }

    func acquire() -> Bool {
        used.withLock { used in
            guard used < limit else { return false }
            used += 1
            return true
        }
    }

    func release() {
        used.withLock { $0 -= 1 }
    }
}
