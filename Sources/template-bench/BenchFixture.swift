import TocsinTemplate

/// The group both modes render: 100 alerts of one Slack-like group, every tenth resolved, the same
/// data scripts/template-oracle's `-bench` mode builds for Go.
enum BenchFixture {
    static let start = GoTime(rfc3339: "2023-03-04T05:06:07.123456789Z")!

    static func alert(_ i: Int) -> TemplateAlert {
        let labels: [String: String] = [
            "alertname": "HighLatency", "job": "api", "instance": "10.0.\(i / 256).\(i % 256):9090",
            "severity": i % 3 == 0 ? "critical" : "warning", "team": "infra",
        ]
        let annotations: [String: String] = [
            "summary": "Latency is high", "description": "p99 latency above 1s on instance \(i)",
        ]
        return TemplateAlert(
            status: i % 10 == 0 ? "resolved" : "firing", labels: KV(labels), annotations: KV(annotations),
            startsAt: start.adding(nanoseconds: Int64(i) * 1_000_000_000), endsAt: .zero,
            generatorURL: "http://prometheus:9090/graph?g0.expr=up", fingerprint: String(i, radix: 16))
    }

    static let data = TemplateData(
        receiverName: "slack-infra", groupLabels: ["alertname": "HighLatency", "job": "api"], alerts: (0..<100).map(alert),
        externalURL: "http://am.example.com:9093")
}
