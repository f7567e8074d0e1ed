import Curl
import Foundation
import TocsinConfig

/// A `discord_configs` entry (notify/discord/discord.go): one embed POSTed to the webhook, red while any
/// alert fires and green once all are resolved.
///
/// Alertmanager 0.25 sends title and description uncut (0.26 cuts them at 256 and 4096 runes), and
/// Tocsin sends what 0.25 sends. Only 5xx and network errors are retried.
public struct DiscordIntegration: Integration {
    public let name = "discord"
    public let index: Int
    public let config: DiscordConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th Discord config of its receiver.
    public init(config: DiscordConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    static let colorRed = 0x992D22
    static let colorGreen = 0x2ECC71

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline)
    }

    /// The request Alertmanager would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let title = try render.text(self.config.title)
        let description = try render.text(self.config.message)
        var json = GoJSONWriter()
        json.beginObject()
        json.field("content", "")
        json.key("embeds")
        json.beginArray()
        json.element()
        json.beginObject()
        json.field("title", title)
        json.field("description", description)
        json.field("color", render.status == "firing" ? Self.colorRed : Self.colorGreen)
        json.endObject()
        json.endArray()
        json.endObject()
        let url = self.config.webhookURL?.url?.description ?? ""
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: json.encoded)
    }
}
