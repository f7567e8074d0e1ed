import Curl
import Foundation
import TocsinConfig

/// A `webex_configs` entry (notify/webex/webex.go): the markdown message POSTed to `api_url` for the
/// room, authorised by `http_config.authorization` (the bot token).
///
/// The message is cut at 7439 bytes (Webex's limit) without splitting a character. Only 5xx and network
/// errors are retried.
public struct WebexIntegration: Integration {
    public let name = "webex"
    public let index: Int
    public let config: WebexConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th Webex config of its receiver.
    public init(config: WebexConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// Webex's limit on a message, in bytes.
    static let maxMessageBytes = 7439

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline)
    }

    /// The request Alertmanager would send (its `Authorization` comes from `http_config` at send time).
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let rendered = try render.text(self.config.message)
        let (message, truncated) = Truncation.inBytes(rendered, Self.maxMessageBytes)
        if truncated {
            self.environment.logger.debug(
                "message truncated due to exceeding maximum allowed length by webex",
                metadata: ["integration": "\(self.name)", "truncated_message": "\(message)"])
        }
        var json = GoJSONWriter()
        json.beginObject()
        json.field("markdown", message)
        json.field("roomId", self.config.roomID, omitEmpty: true)
        json.endObject()
        let url = self.config.apiURL?.description ?? ""
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: json.encoded)
    }
}
