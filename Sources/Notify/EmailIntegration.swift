import Curl
import Foundation
import TocsinConfig
import TocsinTemplate

/// An `email_configs` entry: renders the headers and the text body and submits the mail through the
/// smarthost (notify/email/email.go), STARTTLS and AUTH as configured.
///
/// Subject, To and From default to `email.default.subject`, `to` and `from` (`effectiveHeaders`). As in
/// Alertmanager 0.25, `html` defaults to `email.default.html` and `text` to nothing: by default the mail has
/// only an HTML part, and a part whose template is set to "" is left out.
public struct EmailIntegration: Integration {
    public let name = "email"
    public let index: Int
    public let config: EmailConfig
    let client: CurlClient
    let externalURL: String
    let clock: any NotifyClock
    let templates: NotificationTemplates

    /// The integration for `config`, the `index`-th email config of its receiver.
    public init(
        config: EmailConfig, index: Int, client: CurlClient, externalURL: String,
        templates: NotificationTemplates, clock: any NotifyClock = WallClock()
    ) {
        self.templates = templates
        self.config = config
        self.index = index
        self.client = client
        self.externalURL = externalURL
        self.clock = clock
    }

    public var sendResolved: Bool { self.config.sendResolved }

    public func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError) {
        let data = NotificationTemplates.data(
            receiver: job.receiver, groupLabels: job.groupLabels, alerts: alerts, externalURL: self.externalURL, now: self.clock.now())
        let mail: SMTPMessage
        do {
            mail = try self.message(data: data)
        } catch let error as IntegrationError {
            throw error
        } catch {
            throw IntegrationError("execute template: \(error)", isRetryable: false)
        }
        let password: String
        do {
            password = try self.config.resolvedAuthPassword()
        } catch {
            throw IntegrationError("\(error)", isRetryable: true)
        }
        let port = Int(self.config.smarthost.port) ?? 25
        let left = max(deadline.timeIntervalSince(self.clock.now()), 0.001)
        let server = SMTPServer(
            host: self.config.smarthost.host,
            port: port,
            hello: self.config.hello.isEmpty ? "localhost" : self.config.hello,
            security: .alertmanager(port: port, requireTLS: self.config.requireTLS ?? true),
            authentication: self.config.authUsername.isEmpty
                ? nil
                : SMTPAuthentication(
                    username: self.config.authUsername, password: password, identity: self.config.authIdentity,
                    secret: self.config.authSecret.value),
            tls: TLSOptions(tlsConfig: self.config.tlsConfig),
            timeout: .nanoseconds(Int64(left * 1e9))
        )
        do {
            try await self.client.send(mail: mail, via: server)
        } catch let error as CurlError {
            throw IntegrationError(error.description, isRetryable: error.isRetryable)
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
    }

    /// The rendered mail: headers in name order (Go ranges over a map; sorting makes it stable), the
    /// envelope sender and recipients taken from the rendered From and To.
    func message(data: TemplateData) throws -> SMTPMessage {
        var headers: [MIMEMessage.Header] = []
        for (name, value) in self.config.effectiveHeaders.sorted(by: { $0.key < $1.key }) {
            headers.append(.init(name: name, value: try self.templates.render(value, data: data)))
        }
        let from = try self.templates.render(self.config.from, data: data)
        let to = try self.templates.render(self.config.to, data: data)
        let recipients = to.split(separator: ",").map { Self.address(String($0)) }.filter { !$0.isEmpty }
        guard !recipients.isEmpty else { throw IntegrationError("parse 'to' addresses: mail: no address", isRetryable: false) }
        let text = try self.templates.render(self.config.text, data: data)
        let html = try self.templates.render(self.config.html, data: data, html: true)
        let content = MIMEMessage(headers: headers, text: text, html: html).encoded()
        return SMTPMessage(from: Self.address(from), recipients: recipients, content: content)
    }

    /// The bare address of `Name <user@host>` or `user@host`.
    static func address(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
            return String(trimmed[trimmed.index(after: open)..<close])
        }
        return trimmed
    }
}
