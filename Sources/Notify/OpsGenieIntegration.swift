import Curl
import Foundation
import TocsinConfig

/// An `opsgenie_configs` entry (notify/opsgenie/opsgenie.go): creates the alert while any alert fires
/// (and, with `update_alerts`, updates its message and description), closes it once all are resolved.
/// The OpsGenie alias is the group key's SHA-256.
///
/// The message is cut at 130 runes. 5xx, 429 and network errors are retried; the requests go out in
/// order and the first failure ends the attempt.
public struct OpsGenieIntegration: Integration {
    public let name = "opsgenie"
    public let index: Int
    public let config: OpsGenieConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th OpsGenie config of its receiver.
    public init(config: OpsGenieConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// OpsGenie's limit on the alert message, in runes.
    static let maxMessageRunes = 130

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let http = IntegrationHTTP(environment: self.environment)
        for request in try self.requests(for: alerts, of: job) {
            let response = try await http.send(request, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .plain)
            try StatusRetrier(retryCodes: [429]).check(response)
        }
    }

    /// The requests Alertmanager would send, in order.
    public func requests(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> [HTTPRequest] {
        let render = self.environment.rendering(alerts, of: job)
        do {
            return try self.build(render, key: job.groupKey, alias: job.groupKeyHash)
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw IntegrationError("templating error: \(error)", isRetryable: false)
        }
    }

    private func build(_ render: NotificationRendering, key: String, alias: String) throws -> [HTTPRequest] {
        let c = self.config
        guard let apiURL = c.apiURL else { throw IntegrationError("no OpsGenie API URL", isRetryable: false) }
        var details = render.data.commonLabels.entries
        for (name, value) in c.details.sorted(by: { $0.key < $1.key }) {
            details[name] = try render.text(value)
        }
        var bodies: [(method: String, url: String, body: [UInt8])] = []
        if render.status == "resolved" {
            var json = GoJSONWriter()
            json.beginObject()
            json.field("source", try render.text(c.source))
            json.endObject()
            let url = apiURL.appending(path: "v2/alerts/\(alias)/close", setting: [("identifierType", "alias")])
            bodies.append(("POST", url, json.encoded))
        } else {
            let (message, truncated) = Truncation.inRunes(try render.text(c.message), Self.maxMessageRunes)
            if truncated {
                self.environment.logger.warning(
                    "Truncated message",
                    metadata: ["integration": "\(self.name)", "alert": "\(key)", "max_runes": "\(Self.maxMessageRunes)"])
            }
            var responders: [Responder] = []
            for responder in c.responders {
                let rendered = Responder(
                    id: try render.text(responder.id), name: try render.text(responder.name),
                    username: try render.text(responder.username), type: try render.text(responder.type))
                // Empty responders are dropped, so responders can come from labels that may be absent.
                if rendered == Responder() { continue }
                if rendered.type == "teams" {
                    for team in Self.safeSplit(rendered.name) {
                        responders.append(Responder(name: try render.text(team), type: "team"))
                    }
                    continue
                }
                responders.append(rendered)
            }
            let description = try render.text(c.description)
            var json = GoJSONWriter()
            json.beginObject()
            json.field("alias", alias)
            json.field("message", message)
            json.field("description", description, omitEmpty: true)
            json.key("details")
            json.map(details)
            json.field("source", try render.text(c.source))
            if !responders.isEmpty {
                json.key("responders")
                json.beginArray()
                for responder in responders {
                    json.element()
                    json.beginObject()
                    json.field("id", responder.id, omitEmpty: true)
                    json.field("name", responder.name, omitEmpty: true)
                    json.field("username", responder.username, omitEmpty: true)
                    json.field("type", responder.type)
                    json.endObject()
                }
                json.endArray()
            }
            let tags = Self.safeSplit(try render.text(c.tags))
            if !tags.isEmpty {
                json.key("tags")
                json.strings(tags)
            }
            json.field("note", try render.text(c.note), omitEmpty: true)
            json.field("priority", try render.text(c.priority), omitEmpty: true)
            json.field("entity", try render.text(c.entity), omitEmpty: true)
            let actions = Self.safeSplit(try render.text(c.actions))
            if !actions.isEmpty {
                json.key("actions")
                json.strings(actions)
            }
            json.endObject()
            bodies.append(("POST", apiURL.appending(path: "v2/alerts"), json.encoded))
            if c.updateAlerts {
                var update = GoJSONWriter()
                update.beginObject()
                update.field("message", message, omitEmpty: true)
                update.endObject()
                bodies.append(
                    ("PUT", apiURL.appending(path: "v2/alerts/\(alias)/message", setting: [("identifierType", "alias")]), update.encoded))
                var describe = GoJSONWriter()
                describe.beginObject()
                describe.field("description", description, omitEmpty: true)
                describe.endObject()
                bodies.append(
                    (
                        "PUT", apiURL.appending(path: "v2/alerts/\(alias)/description", setting: [("identifierType", "alias")]),
                        describe.encoded
                    ))
            }
        }
        // The key is templated too; a key file's trailing newline is trimmed (Alertmanager 0.25 sends it and
        // Go then refuses the header, so no notification could go out).
        let apiKey: String
        if !c.apiKey.isEmpty {
            apiKey = try render.text(c.apiKey.value)
        } else {
            let content: String
            do {
                content = try SecretFile.read(c.apiKeyFile)
            } catch {
                throw IntegrationError("read key_file error: \(error)", isRetryable: false)
            }
            apiKey = try render.text(content)
        }
        let headers: HTTPHeaders = [
            "User-Agent": IntegrationHTTP.userAgent, "Content-Type": "application/json", "Authorization": "GenieKey \(apiKey)",
        ]
        return bodies.map { HTTPRequest(method: $0.method, url: $0.url, headers: headers, body: $0.body) }
    }

    /// A responder after templating.
    struct Responder: Equatable {
        var id = "", name = "", username = "", type = ""
    }

    /// `strings.Split` of the trimmed text on `,`, empty parts dropped (the others are not trimmed).
    static func safeSplit(_ text: String) -> [String] {
        text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ",", omittingEmptySubsequences: true).map(String.init)
    }
}
