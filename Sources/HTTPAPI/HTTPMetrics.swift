import Synchronization
import TocsinDaemon

/// Alertmanager's HTTP metrics: GET requests in flight and refused by the concurrency limit, and the latency
/// and response-size histograms of the non-API routes (`/metrics`, `/-/healthy`, `/-/ready`, `/-/reload`, `/`),
/// labelled by route (without the route prefix) and lower-case method, as 0.25's router instrumentation does.
public final class HTTPMetrics: Sendable {
    /// client_golang's default buckets for the request duration, as Alertmanager registers them.
    static let durationBounds: [Double] = [0.05, 0.1, 0.25, 0.5, 0.75, 1, 2, 5, 20, 60]
    /// Alertmanager's response-size buckets (powers of ten from 100 bytes to 100 MB).
    static let sizeBounds: [Double] = [100, 1000, 10_000, 100_000, 1e6, 1e7, 1e8]

    private struct Series {
        var durationCounts = [UInt64](repeating: 0, count: HTTPMetrics.durationBounds.count)
        var durationSum: Double = 0
        var sizeCounts = [UInt64](repeating: 0, count: HTTPMetrics.sizeBounds.count)
        var sizeSum: Double = 0
        var count: UInt64 = 0
    }

    private struct State {
        var getsInFlight = 0
        var limitExceeded: UInt64 = 0
        var series: [SeriesKey: Series] = [:]
    }

    private struct SeriesKey: Hashable, Comparable {
        var handler: String
        var method: String
        static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool { (lhs.handler, lhs.method) < (rhs.handler, rhs.method) }
    }

    private let state = Mutex(State())

    public init() {}

    func getStarted() { state.withLock { $0.getsInFlight += 1 } }
    func getFinished() { state.withLock { $0.getsInFlight -= 1 } }
    func limitWasExceeded() { state.withLock { $0.limitExceeded += 1 } }

    /// Records one request to an instrumented route.
    func observe(handler: String, method: String, seconds: Double, responseBytes: Int) {
        state.withLock { state in
            var series = state.series[SeriesKey(handler: handler, method: method)] ?? Series()
            series.count += 1
            series.durationSum += seconds
            for (index, bound) in Self.durationBounds.enumerated() where seconds <= bound { series.durationCounts[index] += 1 }
            series.sizeSum += Double(responseBytes)
            for (index, bound) in Self.sizeBounds.enumerated() where Double(responseBytes) <= bound { series.sizeCounts[index] += 1 }
            state.series[SeriesKey(handler: handler, method: method)] = series
        }
    }

    public func render(into out: inout PrometheusExposition) {
        let snapshot = state.withLock { $0 }
        out.counter(
            "alertmanager_http_concurrency_limit_exceeded_total",
            help: "Total number of times an HTTP request failed because the concurrency limit was reached.",
            [([("method", "get")], Double(snapshot.limitExceeded))])
        let keys = snapshot.series.keys.sorted()
        if !keys.isEmpty {
            out.histogram(
                "alertmanager_http_request_duration_seconds", help: "Histogram of latencies for HTTP requests.",
                upperBounds: Self.durationBounds,
                keys.map { key in
                    let series = snapshot.series[key]!
                    return ([("handler", key.handler), ("method", key.method)], series.durationCounts, series.durationSum, series.count)
                })
        }
        out.gauge(
            "alertmanager_http_requests_in_flight", help: "Current number of HTTP requests being processed.",
            [([("method", "get")], Double(snapshot.getsInFlight))])
        if !keys.isEmpty {
            out.histogram(
                "alertmanager_http_response_size_bytes", help: "Histogram of response size for HTTP requests.",
                upperBounds: Self.sizeBounds,
                keys.map { key in
                    let series = snapshot.series[key]!
                    return ([("handler", key.handler), ("method", key.method)], series.sizeCounts, series.sizeSum, series.count)
                })
        }
    }
}
