import Foundation
import TocsinConfig
import TocsinModel
import TocsinTemplate

/// The templates notifications are rendered with, and the data they run over.
///
/// Alertmanager 0.25 builds one template set from its built-in `default.tmpl` and `email.tmpl`, then the
/// config's `templates:` files, with its functions (`toUpper`, `match`, `reReplaceAll`, ...); Tocsin does the
/// same with its own default files (``DefaultTemplateFiles``) and RE2 behind the regular-expression
/// functions.
public struct NotificationTemplates: Sendable {
    public private(set) var set: TemplateSet

    /// The default templates alone, parsed once: every `*.tmpl` file of `DefaultTemplates` in file-name order.
    static let defaults: Result<TemplateSet, NotifyFailure> = DefaultTemplateFiles.files.flatMap { files in
        var set = TemplateSet(functions: AlertmanagerFunctions.v0_25(regex: RE2TemplateRegexProvider()))
        for file in files {
            do {
                // Parsed under the name "" like Alertmanager's built-in files: only their defines count.
                try set.parse(file.text, name: "")
            } catch {
                return .failure(NotifyFailure("default template \(file.name): \(error)"))
            }
        }
        return .success(set)
    }

    /// The default definitions with Alertmanager 0.25's functions.
    ///
    /// - Throws: ``NotifyFailure`` when the default template files are not installed beside the executable.
    public init() throws(NotifyFailure) {
        self.set = try Self.defaults.get()
    }

    /// The defaults, then the files the config's `templates` globs match, in order, so user definitions
    /// override the defaults (template.go `FromGlobs`).
    ///
    /// - Throws: ``NotifyFailure`` naming the file that cannot be read or parsed.
    public init(templateGlobs: [String]) throws(NotifyFailure) {
        try self.init()
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
