import Curl
import Foundation
import TocsinConfig

/// A `webhook_configs` entry: POSTs Alertmanager's JSON message (notify/webhook/webhook.go).
///
/// 2xx is success; 5xx and network errors are retried; other codes fail for good with Alertmanager's
/// `unexpected status code N: <url>: <body>`. Improvement (documented): a 429 or 503 carrying
/// `Retry-After` (seconds) is retried no earlier than asked.
public struct WebhookIntegration: Integration {
    public let name = "webhook"
    public let index: Int
    public let config: WebhookConfig
    let client: CurlClient
    let externalURL: String
    let clock: any NotifyClock

    /// The integration for `config`, the `index`-th webhook of its receiver.
    public init(config: WebhookConfig, index: Int, client: CurlClient, externalURL: String, clock: any NotifyClock = WallClock()) {
        self.config = config
        self.index = index
        self.client = client
        self.externalURL = externalURL
        self.clock = clock
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// `User-Agent` of every request, as Alertmanager 0.25 sends it.
    public static let userAgent = "Alertmanager/0.25.0"

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let url = self.config.url?.description ?? ""
        let message = WebhookMessage(
            receiver: job.receiver, groupKey: job.groupKey, groupLabels: job.groupLabels, alerts: alerts,
            maxAlerts: self.config.maxAlerts, externalURL: self.externalURL, now: self.clock.now())
        let options = try TransportOptions(httpConfig: self.config.httpConfig)
        let left = max(deadline.timeIntervalSince(self.clock.now()), 0.001)
        let request = HTTPRequest(
            method: "POST", url: url,
            headers: ["Content-Type": "application/json", "User-Agent": Self.userAgent],
            body: message.encoded,
            timeout: .nanoseconds(Int64(left * 1e9)),
            maximumResponseBodySize: 64 << 10
        )
        let response: HTTPResponse
        do {
            response = try await self.client.perform(request, options: options)
        } catch let error as CurlError {
            throw IntegrationError(error.description, isRetryable: error.isRetryable)
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
        try Self.check(response, url: url)
    }

    /// Alertmanager's `Retrier.Check` for webhooks, plus `Retry-After` on 429/503.
    static func check(_ response: HTTPResponse, url: String) throws(IntegrationError) {
        let status = response.status
        if status / 100 == 2 { return }
        let body = response.bodyText
        let details = body.isEmpty ? url : "\(url): \(body)"
        let message = "unexpected status code \(status): \(details)"
        let retryAfter = (status == 429 || status == 503) ? response.headers["Retry-After"].flatMap(Self.retryAfter) : nil
        throw IntegrationError(message, isRetryable: status / 100 == 5 || retryAfter != nil, retryAfter: retryAfter)
    }

    /// A `Retry-After` given in seconds.
    static func retryAfter(_ value: String) -> Duration? {
        guard let seconds = Int64(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
