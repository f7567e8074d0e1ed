import Curl
import Foundation
import TocsinConfig

/// A `pushover_configs` entry (notify/pushover/pushover.go): every parameter in the query string of a
/// POST to Pushover's fixed messages endpoint (Alertmanager 0.25 has no setting for it).
///
/// Title, message and URL are cut at 250, 1024 and 512 runes; an empty message becomes `(no details)`.
/// Only 5xx and network errors are retried; the URL, which holds the token, is never in an error.
public struct PushoverIntegration: Integration {
    public let name = "pushover"
    public let index: Int
    public let config: PushoverConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th Pushover config of its receiver.
    public init(config: PushoverConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// Pushover's messages endpoint.
    public static let apiURL = "https://api.pushover.net/1/messages.json"
    static let maxTitleRunes = 250
    static let maxMessageRunes = 1024
    static let maxURLRunes = 512

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        try await IntegrationHTTP(environment: self.environment).deliver(
            try self.request(for: alerts, of: job), httpConfig: self.config.httpConfig, deadline: deadline)
    }

    /// The request Alertmanager would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let render = self.environment.rendering(alerts, of: job)
        let parameters: [(String, String)]
        do {
            parameters = try self.parameters(render, key: job.groupKey)
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
        return HTTPRequest(
            method: "POST", url: Self.apiURL + "?" + GoURLEncoding.encode(parameters),
            headers: ["User-Agent": IntegrationHTTP.userAgent, "Content-Type": "text/plain"])
    }

    func parameters(_ render: NotificationRendering, key: String) throws -> [(String, String)] {
        let c = self.config
        var parameters = [("token", try render.text(c.token.value)), ("user", try render.text(c.userKey.value))]
        let title = self.truncate(try render.text(c.title), Self.maxTitleRunes, "Truncated title", key: key)
        parameters.append(("title", title))
        var message: String
        if c.html {
            parameters.append(("html", "1"))
            message = try render.html(c.message)
        } else {
            message = try render.text(c.message)
        }
        message = self.truncate(message, Self.maxMessageRunes, "Truncated message", key: key)
        message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        // Pushover rejects an empty message.
        parameters.append(("message", message.isEmpty ? "(no details)" : message))
        parameters.append(("url", self.truncate(try render.text(c.url), Self.maxURLRunes, "Truncated URL", key: key)))
        parameters.append(("url_title", try render.text(c.urlTitle)))
        parameters.append(("priority", try render.text(c.priority)))
        parameters.append(("retry", String(c.retry.nanoseconds / 1_000_000_000)))
        parameters.append(("expire", String(c.expire.nanoseconds / 1_000_000_000)))
        parameters.append(("sound", try render.text(c.sound)))
        return parameters
    }

    private func truncate(_ text: String, _ limit: Int, _ warning: String, key: String) -> String {
        let (cut, truncated) = Truncation.inRunes(text, limit)
        if truncated {
            self.environment.logger.warning(
                "\(warning)", metadata: ["integration": "\(self.name)", "incident": "\(key)", "max_runes": "\(limit)"])
        }
        return cut
    }
}
