import Foundation

/// One configured integration of a receiver (a `webhook_configs` or `email_configs` entry): it turns the
/// alerts of a notification into one message and delivers it.
///
/// The pipeline around it (dedup, retry, the nflog) is the same for every integration, so an integration
/// only sends once and classifies the failure.
public protocol Integration: Sendable {
    /// The integration's name in the nflog and in metrics: `webhook`, `email`.
    var name: String { get }
    /// The index of the config among the receiver's configs of this integration (the nflog's `idx`).
    var index: Int { get }
    /// Whether resolved alerts are notified (`send_resolved`).
    var sendResolved: Bool { get }
    /// Sends one notification for `alerts` of `job`, giving up at `deadline`.
    func notify(_ alerts: [NotifiedAlert], of job: NotificationJob, deadline: Date) async throws(IntegrationError)
}

extension Integration {
    /// `webhook[0]`, the name Alertmanager's log lines and errors give the integration.
    public var displayName: String { "\(self.name)[\(self.index)]" }
}
