import Foundation
import TocsinTemplate

/// Template rendering benchmarks over a group of 100 alerts, in µs per render:
///   swift run -c release template-bench [iterations]           a Slack-like title and text (user templates)
///   swift run -c release template-bench defaults [iterations]  Alertmanager's default Slack texts and HTML email
/// scripts/template-oracle/bench.sh measures the same renders with Go's text/template and html/template.

var arguments = Array(CommandLine.arguments.dropFirst())
let defaultsMode = arguments.first == "defaults"
if defaultsMode { arguments.removeFirst() }
let iterations = arguments.first.flatMap { Int($0) } ?? (defaultsMode ? 1000 : 2000)

if defaultsMode {
    try DefaultTemplatesBench.run(iterations: iterations)
    exit(0)
}

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

let data = TemplateValue.object(BenchFixture.data)

struct NoRegex: TemplateRegexProvider {
    struct Unsupported: Error {}
    func compile(_ pattern: String) throws -> any TemplateRegex { throw Unsupported() }
}

let set = TemplateSet(functions: AlertmanagerFunctions.v0_25(regex: NoRegex()))
var bytes = 0
for _ in 0..<50 { bytes += try set.render(title, data: data).utf8.count + set.render(text, data: data).utf8.count }
let time = try measure(iterations) {
    bytes += try set.render(title, data: data).utf8.count
    bytes += try set.render(text, data: data).utf8.count
}
print(
    String(
        format: "template-bench: %d renders of title+text over 100 alerts: %.1f µs wall, %.1f µs CPU per render "
            + "(parse + execute), %d bytes out",
        iterations, time.wall, time.cpu, bytes / (iterations + 50)))
