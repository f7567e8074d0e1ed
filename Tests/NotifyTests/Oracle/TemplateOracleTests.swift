import Foundation
import Notify
import Testing
import TocsinModel
import TocsinTemplate

/// Tocsin's renderer against real Alertmanager 0.25, byte for byte: every named default template and a corpus
/// of template features, rendered by Alertmanager into Slack attachment texts and mail HTML parts (one run of
/// Alertmanager for the whole suite, see `AlertmanagerTemplateOracle`), and by Tocsin's
/// `NotificationTemplates` over the same data. Skipped when `prometheus-alertmanager` is not installed.
@Suite(.enabled(if: AlertmanagerTemplateOracle.isAvailable, "needs prometheus-alertmanager and python3"), .timeLimit(.minutes(2)))
struct TemplateOracleTests {
    /// The defaults plus the corpus' user template file, as Alertmanager loads them.
    static func templates() throws -> NotificationTemplates {
        let directory = NSTemporaryDirectory() + "template-oracle-user-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try TemplateOracleCorpus.userTemplates.write(toFile: "\(directory)/user.tmpl", atomically: false, encoding: .utf8)
        return try NotificationTemplates(templateGlobs: ["\(directory)/*.tmpl"])
    }

    /// The data of `group` as Tocsin's notifier builds it.
    static func data(_ group: String) -> TemplateData {
        let (_, labels, alerts) = TemplateOracleCorpus.groups[group]!
        return NotificationTemplates.data(
            receiver: TemplateOracleCorpus.receiver, groupLabels: labels, alerts: alerts,
            externalURL: TemplateOracleCorpus.externalURL, now: Date())
    }

    static let groupNames = TemplateOracleCorpus.groups.keys.sorted()

    @Test("renders like Alertmanager 0.25", arguments: TemplateOracleCorpus.cases)
    func rendersLikeAlertmanager(_ c: TemplateOracleCase) async throws {
        let capture = try await AlertmanagerTemplateOracle.capture.value
        let templates = try Self.templates()
        for group in Self.groupNames {
            if c.fails && !TemplateOracleCorpus.hasFiring(TemplateOracleCorpus.groups[group]!.alerts) { continue }
            let data = Self.data(group)
            let html: Bool
            let observed: [String: [String: String]]
            switch c.channel {
            case .slack:
                html = false
                observed = c.fails ? capture.errors : capture.slack
            case .emailHTML:
                html = true
                observed = capture.mails
            }
            let expected = try #require(
                observed[c.id]?[group], "Alertmanager sent nothing for \(c.id) in group \(group); its log:\n\(capture.log)")
            if c.fails {
                do {
                    let rendered = try templates.render(c.template, data: data, html: html)
                    Issue.record("group \(group): rendered \(rendered.debugDescription), Alertmanager failed: \(expected)")
                } catch {
                    #expect("\(error)" == expected, "group \(group)")
                }
            } else {
                let rendered = try templates.render(c.template, data: data, html: html)
                #expect(rendered == expected, "group \(group)")
            }
        }
    }

    @Test("Alertmanager sent every case in every group")
    func everyCaseArrived() async throws {
        let capture = try await AlertmanagerTemplateOracle.capture.value
        let slack = TemplateOracleCorpus.cases.filter { if case .slack = $0.channel { !$0.fails } else { false } }
        #expect(capture.slack.count == slack.count, "log:\n\(capture.log)")
        #expect(capture.mails.count == TemplateOracleCorpus.mails.count)
        #expect(Set(capture.errors.keys) == Set(TemplateOracleCorpus.errors.map(\.id)))
        // The corpus covers every named template of default.tmpl and email.tmpl.
        #expect(TemplateOracleCorpus.namedTemplates.count + 2 >= 41)
    }
}
