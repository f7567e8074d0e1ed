import Foundation
import Testing

/// `tocsin template render` and the template checks of `tocsin check-config`, run as real processes: the
/// output is compared with Debian's amtool 0.25 where that is meaningful (Debian's amtool loads no default
/// templates, so cases that use them are checked against upstream amtool's behaviour instead).
@Suite(.timeLimit(.minutes(2)))
struct TemplateCommandTests {
    static let tocsin = URL(fileURLWithPath: BuiltExecutables.path("tocsin"))
    static let amtool = URL(fileURLWithPath: "/usr/bin/amtool")
    static var hasAmtool: Bool { FileManager.default.isExecutableFile(atPath: amtool.path) }

    /// Runs a command on a thread of its own (it blocks), killed after 20 s.
    func run(_ executable: URL, _ arguments: [String]) async throws -> BoundedCommand.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try BoundedCommand.run(executable, arguments) })
            }
        }
    }

    func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    @Test(
        "renders like amtool 0.25 over a data file",
        arguments: [
            (#"{{ . }}"#, "text"),
            (#"{{ range .Alerts }}{{ .Labels.SortedPairs }} {{ .StartsAt }} {{ .EndsAt.IsZero }}|{{ end }}{{ .CommonLabels }}"#, "text"),
            (#"<a href="{{ "javascript:x" }}?q={{ .Receiver }}">{{ .Status }} {{ "<b>" }}</a>"#, "html"),
            (#"{{ template "mine" . }}"#, "text"),
            (#"{{ .Status"#, "text"),
            (#"x{{ .Nope }}"#, "text"),
        ])
    func rendersLikeAmtool(_ text: String, _ type: String) async throws {
        try #require(Self.hasAmtool, "amtool is not installed")
        let scratch = try ScratchDirectory()
        try write(#"{{ define "mine" }}mine: {{ .Receiver }}{{ end }}"#, to: "\(scratch.path)/mine.tmpl")
        try write(
            #"""
            {"receiver": "team <a>", "status": "firing", "alerts": [
              {"status": "firing", "labels": {"alertname": "A", "b": "x"}, "annotations": {"s": "y & z"},
               "startsAt": "2024-01-01T00:00:00.5+02:00", "fingerprint": "f1"}],
             "commonLabels": {"alertname": "A"}, "externalURL": "http://am"}
            """#, to: "\(scratch.path)/data.json")
        let arguments = [
            "template", "render", "--template.glob=\(scratch.path)/*.tmpl", "--template.text=\(text)",
            "--template.type=\(type)", "--template.data=\(scratch.path)/data.json",
        ]
        let ours = try await run(Self.tocsin, arguments)
        let theirs = try await run(Self.amtool, arguments)
        #expect(ours.output == theirs.output)
        #expect(ours.status == theirs.status)
    }

    @Test func rendersTheDefaultTemplatesOverAmtoolsSampleData() async throws {
        let scratch = try ScratchDirectory()
        try write(#"{{ define "__alertmanager" }}Tocsin{{ end }}"#, to: "\(scratch.path)/override.tmpl")
        let result = try await run(
            Self.tocsin,
            [
                "template", "render", "--template.glob=\(scratch.path)/*.tmpl",
                #"--template.text={{ template "__subject" . }}|{{ template "slack.default.username" . }}|{{ len .Alerts }}"#,
            ])
        #expect(result.status == 0)
        #expect(result.output == "[ALERTSTATUS] grouplabelvalue1 grouplabelvalue2 |Tocsin|2")
    }

    @Test func checkConfigReportsEveryBrokenTemplateFieldWithReceiverFieldAndPosition() async throws {
        let scratch = try ScratchDirectory()
        let config = "\(scratch.path)/alertmanager.yml"
        try write(
            """
            route:
              receiver: team
            receivers:
            - name: team
              slack_configs:
              - api_url: http://127.0.0.1:1/hook
                title: '{{ template "slack.default.title" . }}'
                text: 'ok {{ .Nope }}'
                fields:
                - title: a
                  value: '{{ .Status | toUpper'
              email_configs:
              - to: ops@example.com
                from: am@example.com
                smarthost: 127.0.0.1:25
                html: '<a href="{{ .ExternalURL }}">{{ template "missing" . }}</a>'
            """, to: config)
        let result = try await run(Self.tocsin, ["check-config", config])
        #expect(result.status == 1)
        #expect(
            result.output.contains(
                #"  FAILED: receiver "team": slack_configs[0].text: template: :1:6: executing "" at <.Nope>: can't evaluate field Nope in type *template.Data"#
            ))
        #expect(result.output.contains(#"  FAILED: receiver "team": slack_configs[0].fields[0].value: template: :1: unclosed action"#))
        #expect(
            result.output.contains(
                #"  FAILED: receiver "team": email_configs[0].html: template: :1:41: executing "" at <{{template "missing" .}}>: template "missing" not defined"#
            ))
        #expect(!result.output.contains("title:"))
        #expect(result.output.contains("failed to validate 1 file(s)"))
    }

    @Test func checkConfigOfAConfigWhoseTemplatesRenderIsAmtools() async throws {
        try #require(Self.hasAmtool, "amtool is not installed")
        let scratch = try ScratchDirectory()
        try write(#"{{ define "team.title" }}{{ .Status }} {{ .CommonLabels.alertname }}{{ end }}"#, to: "\(scratch.path)/team.tmpl")
        let config = "\(scratch.path)/alertmanager.yml"
        try write(
            """
            templates: ['\(scratch.path)/*.tmpl']
            route:
              receiver: team
            receivers:
            - name: team
              slack_configs:
              - api_url: http://127.0.0.1:1/hook
                title: '{{ template "team.title" . }}'
                text: '{{ range .Alerts }}{{ reReplaceAll "(.*):[0-9]+" "$1" .Labels.instance }}{{ end }}'
            """, to: config)
        let ours = try await run(Self.tocsin, ["check-config", config])
        let theirs = try await run(Self.amtool, ["check-config", config])
        #expect(ours.status == 0)
        #expect(ours.output == theirs.output)
    }
}
