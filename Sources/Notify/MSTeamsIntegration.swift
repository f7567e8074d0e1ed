import Curl
import Foundation
import TocsinConfig

/// An `msteams_configs` entry, as Alertmanager 0.26 sends it (notify/msteams/msteams.go): a legacy
/// `MessageCard` POSTed to the incoming webhook, themed red while any alert fires and green once all
/// are resolved. Only 5xx and network errors are retried.
public struct MSTeamsIntegration: Integration {
    public let name = "msteams"
    public let index: Int
    public let config: MSTeamsConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th MS Teams config of its receiver.
    public init(config: MSTeamsConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    static let colorRed = "8C1A1A"
    static let colorGreen = "2DC72D"

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline)
    }

    /// The request Alertmanager 0.26 would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let title = try render.text(self.config.title)
        let text = try render.text(self.config.text)
        var json = GoJSONWriter()
        json.beginObject()
        json.field("@context", "http://schema.org/extensions")
        json.field("type", "MessageCard")
        json.field("title", title)
        json.field("text", text)
        json.field("themeColor", render.status == "firing" ? Self.colorRed : Self.colorGreen)
        json.endObject()
        let url = self.config.webhookURL?.url?.description ?? ""
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: json.encoded)
    }
}
