import Foundation
import Notify
import Testing
import TocsinTemplate

/// The default templates ship as the Notify target's resources and define every named template
/// Alertmanager 0.25 has built in (plus 0.26's msteams ones); what they render is compared with real
/// Alertmanager by `TemplateOracleTests`.
@Suite struct DefaultTemplatesTests {
    /// Every template Alertmanager 0.25's default.tmpl and email.tmpl define, and 0.26's msteams additions.
    static let alertmanagerNames = [
        "__alertmanager", "__alertmanagerURL", "__subject", "__description", "__text_alert_list",
        "__text_alert_list_markdown",
        "slack.default.title", "slack.default.username", "slack.default.fallback", "slack.default.callbackid",
        "slack.default.pretext", "slack.default.titlelink", "slack.default.iconemoji", "slack.default.iconurl",
        "slack.default.text", "slack.default.footer",
        "pagerduty.default.description", "pagerduty.default.client", "pagerduty.default.clientURL",
        "pagerduty.default.instances",
        "opsgenie.default.message", "opsgenie.default.description", "opsgenie.default.source",
        "wechat.default.message", "wechat.default.to_user", "wechat.default.to_party", "wechat.default.to_tag",
        "wechat.default.agent_id",
        "victorops.default.state_message", "victorops.default.entity_display_name",
        "victorops.default.monitoring_tool",
        "pushover.default.title", "pushover.default.message", "pushover.default.url",
        "sns.default.subject", "sns.default.message",
        "telegram.default.message",
        "discord.default.title", "discord.default.message",
        "webex.default.message",
        "email.default.subject", "email.default.html",
        "msteams.default.title", "msteams.default.text",
    ]

    @Test func everyAlertmanagerTemplateIsDefined() throws {
        let names = Set(try NotificationTemplates().set.templateNames)
        for name in Self.alertmanagerNames {
            #expect(names.contains(name), "\(name) is not defined")
        }
    }

    @Test func theDefaultsRenderTheSubjectAndTheLinkBack() throws {
        let templates = try NotificationTemplates()
        let data = NotificationTemplates.data(
            receiver: "team a", groupLabels: ["alertname": "DiskFull"],
            alerts: [firing("DiskFull", instance: "db1")], externalURL: "http://am:9093", now: Date())
        #expect(try templates.render(#"{{ template "slack.default.title" . }}"#, data: data) == "[FIRING:1] DiskFull (db1)")
        #expect(
            try templates.render(#"{{ template "slack.default.titlelink" . }}"#, data: data)
                == "http://am:9093/#/alerts?receiver=team+a")
        #expect(try templates.render(#"{{ template "slack.default.text" . }}"#, data: data) == "")
    }

    @Test func theEmailTextBodyListsFiringAlerts() throws {
        let templates = try NotificationTemplates()
        let data = NotificationTemplates.data(
            receiver: "r", groupLabels: ["alertname": "DiskFull"], alerts: [firing("DiskFull", instance: "db1")],
            externalURL: "", now: Date())
        let text = try templates.render(#"{{ template "email.default.text" . }}"#, data: data)
        #expect(text.hasPrefix("Alerts Firing:\nLabels:\n - alertname = DiskFull\n - instance = db1\nAnnotations:\n"))
    }

    @Test func regularExpressionFunctionsRunOnRE2() throws {
        let templates = try NotificationTemplates()
        let data = NotificationTemplates.data(receiver: "r", groupLabels: [:], alerts: [], externalURL: "", now: Date())
        // Go's documented examples of Regexp.ReplaceAllString.
        #expect(try templates.render(#"{{ reReplaceAll "a(x*)b" "${1}W" "-ab-axxb-" }}"#, data: data) == "-W-xxW-")
        #expect(try templates.render(#"{{ reReplaceAll "a(x*)b" "$1W" "-ab-axxb-" }}"#, data: data) == "---")
        #expect(try templates.render(#"{{ reReplaceAll "a(?P<x>x*)b" "<$x>" "-ab-axxb-" }}"#, data: data) == "-<>-<xx>-")
        // An empty match right after a match is not replaced again.
        #expect(try templates.render(#"{{ reReplaceAll "a*" "X" "baaac" }}"#, data: data) == "XbXcX")
        #expect(try templates.render(#"{{ reReplaceAll "" "-" "héé" }}"#, data: data) == "-h-é-é-")
        #expect(try templates.render(#"{{ reReplaceAll "\\bx" "Y" "x xx ax" }}"#, data: data) == "Y Yx ax")
        #expect(try templates.render(#"{{ reReplaceAll "^a" "Z" "aaa" }}"#, data: data) == "Zaa")
        // match is an unanchored search.
        #expect(try templates.render(#"{{ match "b+" "abbc" }} {{ match "^b" "abc" }}"#, data: data) == "true false")
    }

    @Test func aBadPatternFailsWithGosMessage() throws {
        let templates = try NotificationTemplates()
        let data = NotificationTemplates.data(receiver: "r", groupLabels: [:], alerts: [], externalURL: "", now: Date())
        #expect {
            try templates.render(#"{{ match "[a" "x" }}"#, data: data)
        } throws: { "\($0)".contains("error parsing regexp: missing closing ]: `[a`") }
        #expect {
            try templates.render(#"{{ reReplaceAll "(a" "x" "y" }}"#, data: data)
        } throws: { "\($0)".contains("regexp: Compile(`(a`): error parsing regexp: missing closing ): `(a`") }
    }
}
