import Foundation
import Notify
import TocsinTemplate

/// The default Slack texts and the default HTML email over the 100-alert group, rendered as the
/// integrations render them (`NotificationTemplates.render`, Alertmanager's `ExecuteTextString` and
/// `ExecuteHTMLString`: each config string parsed and run against the default set).
enum DefaultTemplatesBench {
    /// Every `slack.default.*` template of Alertmanager 0.25's default.tmpl, one config string each.
    static let slackTexts = [
        "title", "username", "fallback", "callbackid", "pretext", "titlelink", "iconemoji", "iconurl", "text", "footer",
    ].map { "{{ template \"slack.default.\($0)\" . }}" }

    static let emailHTML = "{{ template \"email.default.html\" . }}"

    static func run(iterations: Int) throws {
        let templates = try NotificationTemplates()
        let data = BenchFixture.data
        func slack() throws -> String { try slackTexts.map { try templates.render($0, data: data) }.joined(separator: "\n") }
        func email() throws -> String { try templates.render(emailHTML, data: data, html: true) }
        let slackOut = try slack()
        let emailOut = try email()
        for _ in 0..<20 {
            _ = try slack()
            _ = try email()
        }
        let slackTime = try measure(iterations) { _ = try slack() }
        let emailTime = try measure(iterations) { _ = try email() }
        print(
            "template-bench defaults: \(iterations) renders over 100 alerts\n"
                + "  slack.default.* (10 texts): \(format(slackTime.wall)) µs wall, \(format(slackTime.cpu)) µs CPU per render, "
                + "\(slackOut.utf8.count) bytes, fnv \(fnv1a(slackOut))\n"
                + "  email.default.html:         \(format(emailTime.wall)) µs wall, \(format(emailTime.cpu)) µs CPU per render, "
                + "\(emailOut.utf8.count) bytes, fnv \(fnv1a(emailOut))")
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
