import TocsinWire

/// Answers metrics queries with what `render` produces, so the dispatcher can gather every process's
/// metrics into one `/metrics`.
public struct MetricsHandler: WireRequestHandler {
    let render: @Sendable () async -> String

    public init(render: @escaping @Sendable () async -> String) {
        self.render = render
    }

    public func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        guard case .metrics = request else { return nil }
        var metrics = WireMetrics()
        metrics.text = await self.render()
        return .metrics(metrics)
    }
}
