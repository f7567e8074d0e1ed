import Curl
import Foundation
import TocsinConfig
import TocsinModel

/// A `slack_configs` entry: one attachment POSTed to an incoming webhook or `chat.postMessage`
/// (notify/slack/slack.go).
///
/// The title is cut at 1024 runes (Slack's attachment limit) with a warning. 2xx is success, 5xx and
/// network errors are retried, other codes fail at once: `channel "#x": unexpected status code 404: body`.
public struct SlackIntegration: Integration {
    public let name = "slack"
    public let index: Int
    public let config: SlackConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th Slack config of its receiver.
    public init(config: SlackConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// Slack's limit on attachment titles, in runes.
    static let maxTitleRunes = 1024

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let (request, channel) = try self.request(for: alerts, of: job)
        let response = try await IntegrationHTTP(environment: self.environment).send(
            request, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .redacted)
        do {
            try StatusRetrier().check(response)
        } catch {
            throw IntegrationError(
                "channel \(GoQuote.quote(channel)): \(error.message)", isRetryable: error.isRetryable, retryAfter: error.retryAfter)
        }
    }

    /// The request Alertmanager would send, and the rendered channel its errors name.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> (HTTPRequest, channel: String) {
        let render = self.environment.rendering(alerts, of: job)
        let channel: String
        let body: [UInt8]
        do {
            (body, channel) = try self.body(render, groupKey: job.groupKey)
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
        let url: String
        do {
            url = try self.config.resolvedAPIURL()
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
        return (HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: body), channel)
    }

    /// The JSON body (`request` and its one `attachment`, in Alertmanager's field order).
    func body(_ render: NotificationRendering, groupKey: String) throws -> ([UInt8], String) {
        let c = self.config
        let (title, truncated) = Truncation.inRunes(try render.text(c.title), Self.maxTitleRunes)
        if truncated {
            self.environment.logger.warning(
                "Truncated title", metadata: ["integration": "\(self.name)", "key": "\(groupKey)", "max_runes": "\(Self.maxTitleRunes)"])
        }
        // Rendered in Alertmanager's order, so the first template error reported is the same.
        let titleLink = try render.text(c.titleLink)
        let pretext = try render.text(c.pretext)
        let text = try render.text(c.text)
        let fallback = try render.text(c.fallback)
        let callbackID = try render.text(c.callbackID)
        let imageURL = try render.text(c.imageURL)
        let thumbURL = try render.text(c.thumbURL)
        let footer = try render.text(c.footer)
        let color = try render.text(c.color)
        let fields = try c.fields.map { field in
            (title: try render.text(field.title), value: try render.text(field.value), short: field.short ?? c.shortFields)
        }
        let actions = try c.actions.map { action in
            (
                type: try render.text(action.type), text: try render.text(action.text), url: try render.text(action.url),
                style: try render.text(action.style), name: try render.text(action.name), value: try render.text(action.value),
                confirm: try action.confirm.map { confirm in
                    (
                        title: try render.text(confirm.title), text: try render.text(confirm.text),
                        okText: try render.text(confirm.okText), dismissText: try render.text(confirm.dismissText)
                    )
                }
            )
        }
        let channel = try render.text(c.channel)
        let username = try render.text(c.username)
        let iconEmoji = try render.text(c.iconEmoji)
        let iconURL = try render.text(c.iconURL)

        var json = GoJSONWriter()
        json.beginObject()
        json.field("channel", channel, omitEmpty: true)
        json.field("username", username, omitEmpty: true)
        json.field("icon_emoji", iconEmoji, omitEmpty: true)
        json.field("icon_url", iconURL, omitEmpty: true)
        json.field("link_names", c.linkNames, omitEmpty: true)
        json.key("attachments")
        json.beginArray()
        json.element()
        json.beginObject()
        json.field("title", title, omitEmpty: true)
        json.field("title_link", titleLink, omitEmpty: true)
        json.field("pretext", pretext, omitEmpty: true)
        json.field("text", text)
        json.field("fallback", fallback)
        json.field("callback_id", callbackID)
        if !fields.isEmpty {
            json.key("fields")
            json.beginArray()
            for field in fields {
                json.element()
                json.beginObject()
                json.field("title", field.title, omitEmpty: true)
                json.field("value", field.value, omitEmpty: true)
                json.field("short", field.short)
                json.endObject()
            }
            json.endArray()
        }
        if !actions.isEmpty {
            json.key("actions")
            json.beginArray()
            for action in actions {
                json.element()
                json.beginObject()
                json.field("type", action.type, omitEmpty: true)
                json.field("text", action.text, omitEmpty: true)
                json.field("url", action.url, omitEmpty: true)
                json.field("style", action.style, omitEmpty: true)
                json.field("name", action.name, omitEmpty: true)
                json.field("value", action.value, omitEmpty: true)
                if let confirm = action.confirm {
                    json.key("confirm")
                    json.beginObject()
                    json.field("text", confirm.text, omitEmpty: true)
                    json.field("title", confirm.title, omitEmpty: true)
                    json.field("ok_text", confirm.okText, omitEmpty: true)
                    json.field("dismiss_text", confirm.dismissText, omitEmpty: true)
                    json.endObject()
                }
                json.endObject()
            }
            json.endArray()
        }
        json.field("image_url", imageURL, omitEmpty: true)
        json.field("thumb_url", thumbURL, omitEmpty: true)
        json.field("footer", footer)
        json.field("color", color, omitEmpty: true)
        let markdownIn = c.mrkdwnIn.isEmpty ? ["fallback", "pretext", "text"] : c.mrkdwnIn
        json.key("mrkdwn_in")
        json.strings(markdownIn)
        json.endObject()
        json.endArray()
        json.endObject()
        return (json.encoded, channel)
    }
}
