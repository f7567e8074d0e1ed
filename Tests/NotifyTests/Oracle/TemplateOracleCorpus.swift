import Foundation
import Notify
import Testing
import TocsinModel
import TocsinTemplate

/// One template rendered by real Alertmanager and by Tocsin over the same notification data.
struct TemplateOracleCase: Sendable, CustomTestStringConvertible {
    enum Channel: Sendable {
        /// The `text` of a Slack attachment: text/template.
        case slack
        /// The HTML part of a mail: html/template; nil renders the default `html` (`email.default.html`).
        case emailHTML(String?)
    }

    /// Unique; it names the Slack channel or the mail's `X-Case` header the output is found by.
    let id: String
    let channel: Channel
    /// The config string (for `.slack`); for mails the `html` of `channel`.
    let template: String
    /// True when the template fails to execute: Alertmanager logs the error and sends nothing.
    let fails: Bool

    init(_ id: String, _ template: String, fails: Bool = false) {
        self.id = id
        self.channel = .slack
        self.template = template
        self.fails = fails
    }

    init(mail id: String, html: String?) {
        self.id = id
        self.channel = .emailHTML(html)
        self.template = html ?? #"{{ template "email.default.html" . }}"#
        self.fails = false
    }

    var testDescription: String { id }
}

/// The cases, the data and the Alertmanager config of `TemplateOracleTests`.
enum TemplateOracleCorpus {
    static let receiver = "team-X.hook"
    static let externalURL = "http://am.example:9093"

    /// A user template file, loaded after the defaults by both sides (`templates:` glob).
    static let userTemplates = #"""
        {{ define "custom.alert" }}{{ .Labels.instance }}/{{ .Labels.severity }}{{ end }}
        {{ define "custom.list" }}{{ range . }}[{{ template "custom.alert" . }}]{{ end }}{{ end }}
        {{ define "__description" }}user description for {{ .Status }}{{ end }}
        """#

    /// Every named template of Alertmanager 0.25's default.tmpl and email.tmpl.
    static let namedTemplates: [String] = [
        "__alertmanager", "__alertmanagerURL", "__subject", "__description", "slack.default.title",
        "slack.default.username", "slack.default.fallback", "slack.default.callbackid", "slack.default.pretext",
        "slack.default.titlelink", "slack.default.iconemoji", "slack.default.iconurl", "slack.default.text",
        "slack.default.footer", "pagerduty.default.description", "pagerduty.default.client",
        "pagerduty.default.clientURL", "opsgenie.default.message", "opsgenie.default.description",
        "opsgenie.default.source", "wechat.default.message", "wechat.default.to_user", "wechat.default.to_party",
        "wechat.default.to_tag", "wechat.default.agent_id", "victorops.default.state_message",
        "victorops.default.entity_display_name", "victorops.default.monitoring_tool", "pushover.default.title",
        "pushover.default.message", "pushover.default.url", "sns.default.subject", "sns.default.message",
        "telegram.default.message", "discord.default.title", "discord.default.message", "webex.default.message",
        "email.default.subject", "email.default.html",
    ]

    /// The named templates, then the feature corpus, then mails.
    static let cases: [TemplateOracleCase] =
        namedTemplates.map { TemplateOracleCase("named/\($0)", #"{{ template "\#($0)" . }}"#) }
        + [
            // Templates that take a list of alerts rather than the data.
            TemplateOracleCase("named/__text_alert_list", #"{{ template "__text_alert_list" .Alerts }}"#),
            TemplateOracleCase("named/pagerduty.default.instances", #"{{ template "pagerduty.default.instances" .Alerts.Firing }}"#),
        ] + features + errors + mails

    static let features: [TemplateOracleCase] = [
        TemplateOracleCase(
            "range/else",
            #"{{ range .Alerts }}{{ .Labels.instance }},{{ else }}none{{ end }}|{{ range .Alerts.Resolved }}r{{ else }}no resolved{{ end }}"#
        ),
        TemplateOracleCase("range/index-value", #"{{ range $i, $a := .Alerts }}{{ $i }}={{ $a.Labels.instance }} {{ end }}"#),
        TemplateOracleCase("range/map", #"{{ range $k, $v := .CommonLabels }}{{ $k }}={{ $v }};{{ end }}"#),
        TemplateOracleCase(
            "range/break-continue",
            #"{{ range .Alerts }}{{ if eq .Labels.instance "a1" }}{{ continue }}{{ end }}{{ .Labels.instance }}{{ break }}{{ end }}"#),
        TemplateOracleCase(
            "with/else",
            #"{{ with .CommonAnnotations.summary }}S={{ . }}{{ else }}no summary{{ end }}|{{ with .CommonLabels.nope }}x{{ else }}empty{{ end }}"#
        ),
        TemplateOracleCase(
            "if/else-if", #"{{ if eq .Status "resolved" }}R{{ else if gt (len .Alerts.Firing) 1 }}many{{ else }}one{{ end }}"#),
        TemplateOracleCase(
            "and-or-not",
            #"{{ and .Alerts .Status }}|{{ or .CommonLabels.nope "fallback" }}|{{ not .Alerts.Resolved }}|{{ and (gt (len .Alerts) 0) (ne .Status "x") }}"#
        ),
        TemplateOracleCase(
            "eq/multi", #"{{ eq .Status "x" "resolved" "firing" }} {{ ne (len .Alerts) 0 }} {{ le 1 1 }} {{ ge 2.5 1.5 }} {{ lt "a" "b" }}"#
        ),
        TemplateOracleCase(
            "printf/verbs",
            #"{{ printf "%s|%q|%v|%d|%5.2f|%x|%X|%o|%b|%e|%g|%c|%U|%t|%%|%-6s|%+d|%08.3f" .Status .Receiver .GroupLabels (len .Alerts) 3.14159 "hi" 255 8 5 1234.5678 0.000012 65 9731 true "ab" 7 3.14159 }}"#
        ),
        TemplateOracleCase(
            "printf/types",
            #"{{ printf "%T %T %T %T %T" .Alerts .GroupLabels .Status (index .Alerts 0).StartsAt .CommonLabels.SortedPairs }}"#),
        TemplateOracleCase("printf/bad-verbs", #"{{ printf "%d|%s|%d" "x" 5 }}|{{ printf "%s" "a" 3 }}|{{ printf "%z" 1 }}"#),
        TemplateOracleCase(
            "printf/values",
            #"{{ printf "%v" .CommonLabels.SortedPairs }}|{{ printf "%+v" (index .Alerts 0).Labels }}|{{ printf "%q" .GroupLabels.Names }}"#
        ),
        TemplateOracleCase("print/println", #"{{ print 1 2 "a" "b" 3 true }}|{{ println "x" 1 }}|{{ print }}"#),
        TemplateOracleCase(
            "sortedpairs",
            #"{{ range .CommonLabels.SortedPairs }}{{ .Name }}={{ .Value }};{{ end }}|{{ .GroupLabels.SortedPairs.Names | join "," }}|{{ .CommonLabels.SortedPairs }}"#
        ),
        TemplateOracleCase(
            "names-values", #"{{ .GroupLabels.Names }}|{{ .CommonLabels.Values | join "," }}|{{ .CommonAnnotations.Names }}"#),
        TemplateOracleCase(
            "remove",
            #"{{ (.CommonLabels.Remove (stringSlice "alertname" "job")).SortedPairs.Values | join " " }}|{{ .GroupLabels.Remove (stringSlice "nope") }}"#
        ),
        TemplateOracleCase(
            "match",
            #"{{ range .Alerts }}{{ match "a[12]" .Labels.instance }},{{ match "^a" .Labels.instance }},{{ match "1$" .Labels.instance }} {{ end }}{{ match "(?i)LATENCY" .CommonAnnotations.summary }}"#
        ),
        TemplateOracleCase(
            "reReplaceAll",
            #"{{ reReplaceAll "(\\w+)=(\\w+)" "$2<-${1}" "a=b c=d" }}|{{ reReplaceAll ":[0-9]+$" "" "host:9090" }}|{{ reReplaceAll "(?P<first>\\w)(\\w*)" "${first}.$2$$" "hello world" }}|{{ reReplaceAll "x*" "-" "abc" }}|{{ reReplaceAll "é" "e" "héllo ✓" }}|{{ reReplaceAll "$1" "z" "a$1" }}"#
        ),
        TemplateOracleCase(
            "reReplaceAll/labels", #"{{ range .Alerts }}{{ reReplaceAll "^a([0-9])$" "instance-$1" .Labels.instance }} {{ end }}"#),
        TemplateOracleCase("safeHtml/text", #"{{ "<b>x</b> & y" | safeHtml }}|{{ safeHtml .CommonAnnotations.summary }}"#),
        TemplateOracleCase(
            "title-upper-lower",
            #"{{ "hello wORLD foo_bar o'neil 3rd-party éclair" | title }}|{{ .Status | toUpper }}|{{ "ÀB Ç" | toLower }}|{{ toUpper "straße" }}"#
        ),
        TemplateOracleCase(
            "join-stringSlice",
            #"{{ stringSlice "a" "b" "c" | join "-" }}|{{ join ", " (stringSlice) }}|{{ .CommonLabels.SortedPairs.Values | join "" }}"#),
        TemplateOracleCase("time/print", #"{{ range .Alerts }}{{ .StartsAt }}|{{ .EndsAt }}|{{ end }}"#),
        TemplateOracleCase(
            "time/methods",
            #"{{ range .Alerts }}{{ .StartsAt.Unix }} {{ .StartsAt.UnixNano }} {{ .StartsAt.Format "2006-01-02T15:04:05.000Z07:00" }} {{ .StartsAt.Format "Mon Jan _2 3:04PM MST 2006" }} {{ .EndsAt.IsZero }} {{ .StartsAt.Year }} {{ .StartsAt.Month }} {{ .StartsAt.Weekday }} {{ .StartsAt.YearDay }};{{ end }}"#
        ),
        TemplateOracleCase(
            "time/sub",
            #"{{ range .Alerts.Resolved }}{{ .EndsAt.Sub .StartsAt }} {{ (.EndsAt.Sub .StartsAt).Minutes }} {{ (.EndsAt.Sub .StartsAt).Round 60000000000 }} {{ .StartsAt.Before .EndsAt }} {{ .StartsAt.After .EndsAt }} {{ .StartsAt.Equal .StartsAt }}{{ end }}"#
        ),
        TemplateOracleCase(
            "time/utc-add",
            #"{{ with index .Alerts 0 }}{{ .StartsAt.UTC }} {{ .StartsAt.Add 90000000000 }} {{ .StartsAt.Truncate 3600000000000 }} {{ .StartsAt.Format "15:04:05.999999999" }}{{ end }}"#
        ),
        TemplateOracleCase(
            "escapers",
            #"{{ html "<a href=\"x\">&'" }}|{{ js "a'b\"<>&=\\ é" }}|{{ urlquery "a b&c=d/é?" }}|{{ .CommonAnnotations.summary | html }}|{{ html .Receiver 1 }}"#
        ),
        TemplateOracleCase(
            "index-slice-len",
            #"{{ index .CommonLabels "alertname" }}|{{ index .CommonLabels "nope" }}|{{ slice "abcdef" 1 3 }}|{{ slice "abc" 1 }}|{{ len .Alerts.Firing }}|{{ len "héllo" }}|{{ (index .Alerts 0).Labels.instance }}"#
        ),
        TemplateOracleCase("print/structs", #"{{ index .Alerts 0 }}"#),
        TemplateOracleCase("print/data", #"{{ . }}"#),
        TemplateOracleCase("print/alerts", #"{{ .Alerts.Resolved }}|{{ .Alerts.Firing | len }}"#),
        TemplateOracleCase(
            "variables",
            #"{{ $s := .Status }}{{ $n := len .Alerts }}{{ range .Alerts }}{{ $s = .Labels.instance }}{{ end }}{{ $s }} {{ $n }} {{ $.Receiver }}"#
        ),
        TemplateOracleCase("whitespace-comments", "a  {{- \" b \" -}}  c {{/* a comment */}} d {{- /* trimmed */ -}} e\n  {{- 5 }}\n"),
        TemplateOracleCase(
            "block-define",
            #"{{ define "local" }}L:{{ . }}{{ end }}{{ block "blk" .Status }}block {{ . }}{{ end }}|{{ template "local" .Receiver }}"#),
        TemplateOracleCase("user-templates", #"{{ template "custom.list" .Alerts }}|{{ template "__description" . }}"#),
        TemplateOracleCase(
            "missingkey", #"[{{ .CommonLabels.nope }}][{{ .CommonAnnotations.nope }}][{{ (index .Alerts 0).Annotations.nope }}]"#),
        TemplateOracleCase(
            "fingerprint-url", #"{{ range .Alerts }}{{ .Fingerprint }} {{ .GeneratorURL }} {{ .Status }};{{ end }}{{ .ExternalURL }}"#),
        TemplateOracleCase("unicode", #"{{ range .Alerts }}{{ .Labels.note }}|{{ end }}{{ len .CommonLabels }}"#),
        TemplateOracleCase(
            "call-pipeline", #"{{ .Alerts.Firing | len | printf "%03d" }} {{ "x" | printf "%s-%s" "y" }} {{ (len .Alerts) | eq 3 }}"#),
    ]

    /// Templates that fail to execute: Alertmanager logs the error; Tocsin's error must read the same. An
    /// integration that never succeeded is not tried for a group whose alerts are all resolved, so these
    /// are compared in the groups with firing alerts only.
    static let errors: [TemplateOracleCase] = [
        TemplateOracleCase("error/missing-template", #"{{ template "nope" . }}"#, fails: true),
        TemplateOracleCase("error/bad-regex", #"{{ reReplaceAll "(a" "x" "y" }}"#, fails: true),
        TemplateOracleCase("error/bad-match", #"x {{ match "[a" "x" }}"#, fails: true),
        TemplateOracleCase("error/index", #"{{ index .Alerts 10 }}"#, fails: true),
        TemplateOracleCase("error/compare", #"{{ lt 1 "a" }}"#, fails: true),
        TemplateOracleCase("error/field", #"{{ .Nope }}"#, fails: true),
        TemplateOracleCase("error/arguments", #"{{ toUpper 1 }}"#, fails: true),
    ]

    /// Mails: html/template's contextual escaping, and the default HTML body.
    static let mails: [TemplateOracleCase] = [
        TemplateOracleCase(mail: "mail/default", html: nil),
        TemplateOracleCase(
            mail: "mail/contexts",
            html: #"""
                <a href="{{ .ExternalURL }}/x?r={{ .Receiver }}&s={{ .CommonAnnotations.summary }}" title='{{ .CommonAnnotations.summary }}'>{{ .CommonAnnotations.summary }}</a>
                <p class="{{ .Status }}">{{ range .Alerts }}<a href="{{ .GeneratorURL }}">{{ .Labels.note }}</a>{{ end }}</p>
                <img src="http://x/{{ .CommonLabels.alertname }}?q={{ .Receiver }}" alt={{ .CommonAnnotations.summary }}>
                {{ safeHtml "<i>trusted</i>" }} {{ "<i>untrusted</i>" }}
                <!-- dropped {{ .Status }} -->
                <textarea>{{ .CommonAnnotations.summary }}</textarea>
                """#),
        // Values in JavaScript: JSON literals among code (label maps, numbers, structs, times), string and
        // regexp literals, comments dropped, event handlers HTML-escaped for their quotes.
        TemplateOracleCase(
            mail: "mail/javascript",
            html: #"""
                <script>
                var labels = {{ .CommonLabels }}, detail = {{ .CommonAnnotations.detail }}, summary = {{ .CommonAnnotations.summary }};
                var count = {{ len .Alerts }}, firing = {{ .Alerts.Firing | len }}, ratio = count/{{ len .Alerts }};
                var s = "{{ .CommonAnnotations.summary }} {{ .CommonAnnotations.detail }}", t = '{{ .Receiver }}';
                var re = /^{{ .CommonLabels.alertname }}.{{ .Receiver }}$/, empty = /{{ .CommonLabels.nope }}/;
                // dropped {{ .Status }}
                var alerts = [{{ range .Alerts }}{{ .Labels.instance }}, {{ .StartsAt }}, {{ end }}]; /* gone
                */ var first = {{ index .Alerts 0 }};
                var pairs = {{ .GroupLabels.SortedPairs }}, names = {{ .CommonLabels.Names }}, data = {{ . }};
                </script>
                <a href="#" onclick="show({{ .CommonAnnotations.summary }}, '{{ .Status }}', {{ .Alerts | len }}, &quot;{{ .CommonAnnotations.detail }}&quot;)" onmouseover='x = {{ .GroupLabels }}'>x</a>
                <button onclick=go({{ .Status }})>b</button><script type="text/template"><b>{{ .CommonAnnotations.summary }}</b></script>
                """#),
        // Values in CSS, srcset and attribute names.
        TemplateOracleCase(
            mail: "mail/css-srcset-names",
            html: #"""
                <style>p.{{ .Status }} { color: {{ .CommonLabels.severity }}; font-family: "{{ .CommonAnnotations.summary }}"; background: url({{ .ExternalURL }}/img/{{ .CommonLabels.alertname }}.png) } /* {{ .Status }} */</style>
                <p style="color: {{ .CommonLabels.severity }}; content: '{{ .CommonAnnotations.detail }}'; background: url('{{ .ExternalURL }}?q={{ .Receiver }}'); width: {{ len .Alerts }}px">x</p>
                <img srcset="{{ .ExternalURL }}/a.png 1x, {{ range .Alerts }}{{ .GeneratorURL }} 2x,{{ end }}" alt="{{ .CommonAnnotations.summary }}">
                <p {{ .Status }}="{{ .Receiver }}" data-{{ .CommonLabels.job }}="{{ .CommonLabels.job }}" {{ .CommonLabels.alertname }}>x</p>
                """#),
    ]

    /// The alerts of group `HighLatency`, in the order Alertmanager sorts them (by `instance`): two firing,
    /// one resolved.
    static let highLatency: [NotifiedAlert] = [
        NotifiedAlert(
            labels: [
                "alertname": "HighLatency", "instance": "a1", "job": "api", "severity": "critical", "team": "infra",
                "note": "héllo ✓ <b>",
            ],
            annotations: [
                "summary": "Latency is high & <rising> \"quoted\" 'single'",
                "description": "p99 > 1s on a1\nsecond line",
            ],
            startsAt: time("2024-03-01T10:00:00.123456789Z"),
            generatorURL: "http://prom:9090/graph?g0.expr=up%3E1&g0.tab=1"),
        NotifiedAlert(
            labels: ["alertname": "HighLatency", "instance": "a2", "job": "api", "severity": "critical", "team": "infra"],
            annotations: ["summary": "Latency is high & <rising> \"quoted\" 'single'"],
            startsAt: time("2024-03-01T10:05:00Z"),
            generatorURL: "http://prom:9090/graph?g0.expr=up"),
        NotifiedAlert(
            labels: ["alertname": "HighLatency", "instance": "a3", "job": "api", "severity": "warning", "team": "infra"],
            annotations: ["summary": "Latency is high & <rising> \"quoted\" 'single'"],
            startsAt: time("2024-03-01T09:00:00.5Z"),
            endsAt: time("2024-03-01T11:02:03.25Z"),
            generatorURL: ""),
    ]

    /// The alert of group `DiskFull`, firing; phase 1 resolves it.
    static let diskFull = NotifiedAlert(
        labels: ["alertname": "DiskFull", "device": "/dev/sda1", "cluster": "eu-1"],
        annotations: ["summary": "Disk / is full", "detail": "it's \"full\" </script> \u{2028}next & <b>"],
        startsAt: time("2024-01-01T00:00:00Z"),
        generatorURL: "http://prom/graph")

    static var diskFullResolved: NotifiedAlert {
        var alert = diskFull
        alert.endsAt = time("2024-01-01T01:02:03Z")
        return alert
    }

    /// The alerts posted in each phase. Alertmanager never sends a first notification of a group whose
    /// alerts are all resolved, so a resolved group is had by resolving `DiskFull` once it was sent firing.
    static let phases: [[NotifiedAlert]] = [highLatency + [diskFull], [diskFullResolved]]

    /// The notifications Alertmanager sends, keyed `alertname@phase`: the group labels (`group_by:
    /// [alertname, job]`) and the alerts.
    static let groups: [String: (phase: Int, labels: LabelSet, alerts: [NotifiedAlert])] = [
        "HighLatency@0": (0, ["alertname": "HighLatency", "job": "api"], highLatency),
        "DiskFull@0": (0, ["alertname": "DiskFull"], [diskFull]),
        "DiskFull@1": (1, ["alertname": "DiskFull"], [diskFullResolved]),
    ]

    private static func time(_ text: String) -> GoTime {
        GoTime(rfc3339: text)!
    }

    /// The alerts as Alertmanager's API v2 takes them; a firing alert gets a far end time, which the
    /// dispatcher zeroes when it flushes (Tocsin's firing alerts have no end).
    static func posted(_ alerts: [NotifiedAlert]) -> [[String: Any]] {
        alerts.map { alert in
            [
                "labels": alert.labels.dictionary, "annotations": alert.annotations.dictionary,
                "startsAt": rfc3339(alert.startsAt),
                "endsAt": alert.endsAt.map(rfc3339) ?? "2099-01-01T00:00:00Z",
                "generatorURL": alert.generatorURL,
            ]
        }
    }

    /// Whether a group has firing alerts (resolved ones carry an end).
    static func hasFiring(_ alerts: [NotifiedAlert]) -> Bool { alerts.contains { $0.endsAt == nil } }

    /// A UTC time as RFC 3339 with its nanoseconds.
    static func rfc3339(_ time: GoTime) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(time.seconds))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
            Int(time.nanoseconds))
    }

    /// Alertmanager's config: one Slack config per Slack case (the case id as its channel, the group's
    /// alertname as its username), one email config per mail case (the id in an `X-Case` header).
    static var config: String {
        var out = """
            global:
              resolve_timeout: 5m
            templates:
            - 'TEMPLATE_DIR/*.tmpl'
            route:
              receiver: '\(receiver)'
              group_by: [alertname, job]
              group_wait: 200ms
              group_interval: 1s
              repeat_interval: 4h
            receivers:
            - name: '\(receiver)'
              slack_configs:

            """
        for c in cases {
            guard case .slack = c.channel else { continue }
            out += "  - api_url: SLACK_URL\n"
            out += "    send_resolved: true\n"
            out += "    channel: \(yamlQuote(c.id))\n"
            out += "    username: '{{ .GroupLabels.alertname }}'\n"
            out += "    text: \(yamlQuote(c.template))\n"
        }
        out += "  email_configs:\n"
        for c in cases {
            guard case .emailHTML(let html) = c.channel else { continue }
            out += "  - to: ops@example.com\n"
            out += "    from: am@example.com\n"
            out += "    smarthost: SMARTHOST\n"
            out += "    require_tls: false\n"
            out += "    send_resolved: true\n"
            out += "    headers:\n"
            out += "      X-Case: \(yamlQuote(c.id))\n"
            out += "      Subject: '{{ .GroupLabels.alertname }}'\n"
            if let html { out += "    html: \(yamlQuote(html))\n" }
        }
        return out
    }

    /// A YAML double-quoted scalar (JSON strings are valid YAML).
    static func yamlQuote(_ s: String) -> String {
        let data = try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes])
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
