import Curl
import Foundation
import TocsinConfig

/// A `telegram_configs` entry (notify/telegram/telegram.go, through telebot v3): `sendMessage` POSTed to
/// `api_url/bot<token>/sendMessage`, the parameters a JSON object of strings.
///
/// With `parse_mode: HTML` the message is rendered with HTML escaping. It is cut at 4096 runes. Telegram
/// answers in the body (`ok`, `error_code`, `description`), whatever the HTTP status; every failure is
/// retried, as Alertmanager retries every error of the bot client. The `User-Agent` is Go's default
/// `Go-http-client/1.1`, as telebot sets none. Difference, documented: a 429's `retry_after` is honoured.
public struct TelegramIntegration: Integration {
    public let name = "telegram"
    public let index: Int
    public let config: TelegramConfig
    let environment: IntegrationEnvironment

    /// The integration for `config`, the `index`-th Telegram config of its receiver.
    public init(config: TelegramConfig, index: Int, environment: IntegrationEnvironment) {
        self.config = config
        self.index = index
        self.environment = environment
    }

    public var sendResolved: Bool { self.config.sendResolved }

    /// Telegram's limit on a message, in runes.
    static let maxMessageRunes = 4096

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let request = try self.request(for: alerts, of: job)
        let response = try await IntegrationHTTP(environment: self.environment).send(
            request, httpConfig: self.config.httpConfig, deadline: deadline, errorText: .wrapped("telebot"))
        try Self.check(response.body)
    }

    /// The request Alertmanager would send.
    public func request(for alerts: [NotifiedAlert], of job: NotificationJob) throws(IntegrationError) -> HTTPRequest {
        let c = self.config
        let render = self.environment.rendering(alerts, of: job)
        // Alertmanager drops a template error here and sends an empty text, which Telegram refuses; the
        // template error itself is what needs fixing, so it is reported and not retried.
        let rendered = c.parseMode == "HTML" ? try render.html(c.message) : try render.text(c.message)
        let (text, truncated) = Truncation.inRunes(rendered, Self.maxMessageRunes)
        if truncated {
            self.environment.logger.warning(
                "Truncated message",
                metadata: ["integration": "\(self.name)", "alert": "\(job.groupKey)", "max_runes": "\(Self.maxMessageRunes)"])
        }
        var parameters = ["chat_id": String(c.chatID), "text": text, "disable_web_page_preview": "true"]
        if c.disableNotifications { parameters["disable_notification"] = "true" }
        if !c.parseMode.isEmpty { parameters["parse_mode"] = c.parseMode }
        var json = GoJSONWriter()
        json.map(parameters)
        let base = c.apiURL?.description ?? ""
        return HTTPRequest(
            method: "POST", url: "\(base)/bot\(c.botToken.value)/sendMessage",
            headers: ["User-Agent": IntegrationHTTP.goUserAgent, "Content-Type": "application/json"],
            body: json.encoded)
    }

    /// Telegram's answer: `ok: true`, or the error it describes.
    static func check(_ body: [UInt8]) throws(IntegrationError) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw IntegrationError("telebot: unexpected response: \(String(decoding: body.prefix(256), as: UTF8.self))", isRetryable: true)
        }
        if object["ok"] as? Bool == true { return }
        let code = (object["error_code"] as? NSNumber)?.intValue ?? 0
        let description = object["description"] as? String ?? ""
        let retryAfter = ((object["parameters"] as? [String: Any])?["retry_after"] as? NSNumber).map { Duration.seconds($0.int64Value) }
        throw IntegrationError("telegram: \(description) (\(code))", isRetryable: true, retryAfter: code == 429 ? retryAfter : nil)
    }
}
