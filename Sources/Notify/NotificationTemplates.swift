import Foundation
import TocsinConfig
import TocsinModel
import TocsinTemplate

/// The templates notifications are rendered with, and the data they run over.
///
/// Alertmanager's `default.tmpl` and `email.tmpl` are not in the tree yet, so the set holds the pieces of
/// `default.tmpl` the email integration needs, verbatim: `__subject` (behind `email.default.subject`) and
/// `__text_alert_list` (behind the text body Tocsin sends when `text` is unset).
public struct NotificationTemplates: Sendable {
    /// Alertmanager's `__subject` from default.tmpl.
    public static let definitions = #"""
        {{ define "__subject" }}[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .GroupLabels.SortedPairs.Values | join " " }} {{ if gt (len .CommonLabels) (len .GroupLabels) }}({{ with .CommonLabels.Remove .GroupLabels.Names }}{{ .Values | join " " }}{{ end }}){{ end }}{{ end }}
        {{ define "email.default.subject" }}{{ template "__subject" . }}{{ end }}
        {{ define "__text_alert_list" }}{{ range . }}Labels:
        {{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Annotations:
        {{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
        {{ end }}Source: {{ .GeneratorURL }}
        {{ end }}{{ end }}
        {{ define "tocsin.email.default.text" }}{{ if gt (len .Alerts.Firing) 0 }}Alerts Firing:
        {{ template "__text_alert_list" .Alerts.Firing }}{{ end }}{{ if gt (len .Alerts.Resolved) 0 }}Alerts Resolved:
        {{ template "__text_alert_list" .Alerts.Resolved }}{{ end }}{{ end }}
        """#

    public private(set) var set: TemplateSet

    /// The default definitions with Alertmanager 0.25's functions.
    public init() {
        var set = TemplateSet(functions: AlertmanagerFunctions.v0_25(regex: UnavailableRegexProvider()))
        // The definitions are constant and parse; a failure here is a programming error caught by tests.
        try! set.parse(Self.definitions, name: "tocsin-defaults")
        self.set = set
    }

    /// The defaults, then the files the config's `templates` globs match, in order, so user definitions
    /// override the defaults (template.go `FromGlobs`).
    ///
    /// - Throws: ``NotifyFailure`` naming the file that cannot be read or parsed.
    public init(templateGlobs: [String]) throws(NotifyFailure) {
        self.init()
        var set = self.set
        for pattern in templateGlobs {
            let files: [String]
            switch TemplateFileCheck.expand(pattern) {
            case .failure(let error): throw NotifyFailure("\(error)")
            case .success(let matched): files = matched
            }
            for file in files {
                do {
                    try set.parse(try SecretFile.read(file), name: (file as NSString).lastPathComponent)
                } catch {
                    throw NotifyFailure("failed to parse templates: \(file): \(error)")
                }
            }
        }
        self.set = set
    }

    /// Renders a config string (`text`, a header) over `data`, as Alertmanager's `ExecuteTextString`.
    public func render(_ text: String, data: TemplateData, html: Bool = false) throws -> String {
        try self.set.render(text, data: .object(data), html: html)
    }

    /// Alertmanager's `template.Data` for a notification of `alerts`, statuses judged at `now`.
    public static func data(receiver: String, groupLabels: LabelSet, alerts: [NotifiedAlert], externalURL: String, now: Date)
        -> TemplateData
    {
        TemplateData(
            receiverName: receiver,
            groupLabels: groupLabels.dictionary,
            alerts: alerts.map { alert in
                TemplateAlert(
                    status: alert.isResolved(at: now) ? "resolved" : "firing",
                    labels: KV(alert.labels.dictionary),
                    annotations: KV(alert.annotations.dictionary),
                    startsAt: alert.startsAt,
                    endsAt: alert.endsAt ?? GoTime.zero,
                    generatorURL: alert.generatorURL,
                    fingerprint: alert.fingerprint.description)
            },
            externalURL: externalURL)
    }
}

/// Regular expressions in notification templates (`match`, `reReplaceAll`) need match positions from
/// RE2 that the model's wrapper does not give yet; a template using them fails with this error rather than
/// running on a backtracking engine.
struct UnavailableRegexProvider: TemplateRegexProvider {
    struct Unavailable: Error, CustomStringConvertible {
        let pattern: String
        var description: String { "regular expressions in notification templates are not supported by tocsin-notifier yet: \(pattern)" }
    }

    func compile(_ pattern: String) throws -> any TemplateRegex {
        throw Unavailable(pattern: pattern)
    }
}
