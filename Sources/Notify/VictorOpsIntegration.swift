import Curl
import Foundation
import TocsinConfig

/// A `victorops_configs` entry (notify/victorops/victorops.go): POSTs the incident to
/// `api_url` + `api_key/routing_key`, keyed by the group key's SHA-256.
///
/// `message_type` is kept when it is INFO, WARNING or CRITICAL while firing (else CRITICAL) and is
/// RECOVERY once resolved. The state message is cut at 20480 runes. Only 5xx and network errors are
/// retried — and, as in Alertmanager, template errors in the payload fields.
public struct VictorOpsIntegration: Integration {
    public let name = "victorops"
    public let index: Int
    public let config: VictorOpsConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th VictorOps config of its receiver.
    public init(config: VictorOpsConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// VictorOps' limit on the state message, in runes.
    static let maxMessageRunes = 20480

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline)
    }

    /// The request Alertmanager would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let c = self.config
        let render = self.environment.rendering(alerts, of: job)
        let apiKey: String
        do {
            apiKey = try c.resolvedAPIKey()
        } catch {
            throw IntegrationError("failed to read API key from file: \(error)", isRetryable: false)
        }
        guard let apiURL = c.apiURL else { throw IntegrationError("no VictorOps API URL", isRetryable: false) }
        let url: String
        do {
            url = apiURL.appending(path: "\(apiKey)/\(try render.text(c.routingKey))")
        } catch {
            throw IntegrationError("templating error: \(error)", isRetryable: false)
        }
        let body: [UInt8]
        do {
            body = try self.payload(render, key: job.groupKey, entityID: job.groupKeyHash)
        } catch {
            throw IntegrationError("templating error: \(error)", isRetryable: true)
        }
        return HTTPRequest(method: "POST", url: url, headers: IntegrationHTTP.jsonHeaders, body: body)
    }

    /// The JSON object: the fixed fields and the custom ones, keys sorted as Go encodes a map.
    func payload(_ render: NotificationRendering, key: String, entityID: String) throws -> [UInt8] {
        let c = self.config
        var messageType = try render.text(c.messageType)
        let stateMessage = try render.text(c.stateMessage)
        if render.status == "firing" && !["INFO", "WARNING", "CRITICAL"].contains(messageType) { messageType = "CRITICAL" }
        if render.status == "resolved" { messageType = "RECOVERY" }
        let (message, truncated) = Truncation.inRunes(stateMessage, Self.maxMessageRunes)
        if truncated {
            self.environment.logger.warning(
                "Truncated state_message",
                metadata: ["integration": "\(self.name)", "incident": "\(key)", "max_runes": "\(Self.maxMessageRunes)"])
        }
        var fields = [
            "message_type": messageType,
            "entity_id": entityID,
            "entity_display_name": try render.text(c.entityDisplayName),
            "state_message": message,
            "monitoring_tool": try render.text(c.monitoringTool),
        ]
        for (name, value) in c.customFields.sorted(by: { $0.key < $1.key }) {
            fields[name] = try render.text(value)
        }
        var json = GoJSONWriter()
        json.map(fields)
        return json.encoded
    }
}
