import Foundation
import TocsinTemplate

/// Renders a Slack-like title and text for a group of 100 alerts and reports microseconds per render.
/// Run with: swift run -c release template-bench [iterations]

let iterations = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2000 : 2000

let title = """
    [{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] \
    {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}\
    ({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}
    """

let text = """
    {{ range .Alerts -}}
    *Alert:* {{ .Annotations.summary }}{{ if .Labels.severity }} - `{{ .Labels.severity }}`{{ end }}
    *Description:* {{ .Annotations.description }}
    *Started:* {{ .StartsAt.Format "2006-01-02 15:04:05" }}
    *Details:*
      {{ range .Labels.SortedPairs }} • *{{ .Name }}:* `{{ .Value }}`
      {{ end }}
    {{ end }}
    """

let start = GoTime(rfc3339: "2023-03-04T05:06:07.123456789Z")!
func makeAlert(_ i: Int) -> TemplateAlert {
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
let alerts = (0..<100).map(makeAlert)
let data = TemplateValue.object(
    TemplateData(
        receiverName: "slack-infra", groupLabels: ["alertname": "HighLatency", "job": "api"], alerts: alerts,
        externalURL: "http://am.example.com:9093"))

struct NoRegex: TemplateRegexProvider {
    struct Unsupported: Error {}
    func compile(_ pattern: String) throws -> any TemplateRegex { throw Unsupported() }
}

let set = TemplateSet(functions: AlertmanagerFunctions.v0_25(regex: NoRegex()))
var bytes = 0
for _ in 0..<50 { bytes += try set.render(title, data: data).utf8.count + set.render(text, data: data).utf8.count }
/// CPU time of this process in microseconds; wall time alone misleads on a shared machine.
func cpuMicroseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e6 + Double(ts.tv_nsec) / 1e3
}

let clock = ContinuousClock()
let cpuStart = cpuMicroseconds()
let elapsed = try clock.measure {
    for _ in 0..<iterations {
        bytes += try set.render(title, data: data).utf8.count
        bytes += try set.render(text, data: data).utf8.count
    }
}
let cpu = cpuMicroseconds() - cpuStart
let micros = Double(elapsed.components.seconds) * 1e6 + Double(elapsed.components.attoseconds) / 1e12
print(
    String(
        format: "template-bench: %d renders of title+text over 100 alerts: %.1f µs wall, %.1f µs CPU per render "
            + "(parse + execute), %d bytes out",
        iterations, micros / Double(iterations), cpu / Double(iterations), bytes / (iterations + 50)))
