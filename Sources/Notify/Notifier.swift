import Curl
import Foundation
import Logging
import TocsinConfig

/// Delivers jobs with the current configuration: builds the receiver's integrations (in Alertmanager's
/// order, so each config keeps its nflog `idx`) and runs the fan-out.
///
/// Holds no per-job state: a job is self-contained, and the nflog is the only memory, so a restarted
/// notifier delivers a resent job exactly as the first one would have.
public struct Notifier: Sendable {
    let configuration: @Sendable () -> AlertmanagerConfig?
    let log: any NotificationLog
    let client: CurlClient
    let clock: any NotifyClock
    public let metrics: NotifyMetrics
    let externalURL: String
    let logger: Logger

    /// A notifier reading the configuration from `configuration` at each job.
    public init(
        configuration: @escaping @Sendable () -> AlertmanagerConfig?,
        log: any NotificationLog,
        client: CurlClient,
        clock: any NotifyClock = WallClock(),
        metrics: NotifyMetrics = NotifyMetrics(),
        externalURL: String,
        logger: Logger
    ) {
        self.configuration = configuration
        self.log = log
        self.client = client
        self.clock = clock
        self.metrics = metrics
        self.externalURL = externalURL
        self.logger = logger
    }

    /// The integrations of `receiver`, webhook first then email (notify.go `buildReceiverIntegrations`).
    ///
    /// - Throws: ``NotifyFailure`` when the receiver uses an integration this notifier cannot send yet,
    ///   so the job fails visibly instead of being acknowledged unsent.
    /// Email renders with `templates` (the defaults plus the config's `templates` files).
    public func integrations(of receiver: Receiver, templates: NotificationTemplates) throws(NotifyFailure) -> [any Integration] {
        var unsupported: [String] = []
        if !receiver.pagerdutyConfigs.isEmpty { unsupported.append("pagerduty") }
        if !receiver.opsGenieConfigs.isEmpty { unsupported.append("opsgenie") }
        if !receiver.wechatConfigs.isEmpty { unsupported.append("wechat") }
        if !receiver.slackConfigs.isEmpty { unsupported.append("slack") }
        if !receiver.victorOpsConfigs.isEmpty { unsupported.append("victorops") }
        if !receiver.pushoverConfigs.isEmpty { unsupported.append("pushover") }
        if !receiver.snsConfigs.isEmpty { unsupported.append("sns") }
        if !receiver.telegramConfigs.isEmpty { unsupported.append("telegram") }
        if !receiver.discordConfigs.isEmpty { unsupported.append("discord") }
        if !receiver.webexConfigs.isEmpty { unsupported.append("webex") }
        if !receiver.msTeamsConfigs.isEmpty { unsupported.append("msteams") }
        if !unsupported.isEmpty {
            throw NotifyFailure("\(receiver.name): integrations not supported by this notifier: \(unsupported.joined(separator: ", "))")
        }
        var integrations: [any Integration] = []
        for (index, config) in receiver.webhookConfigs.enumerated() {
            integrations.append(
                WebhookIntegration(config: config, index: index, client: self.client, externalURL: self.externalURL, clock: self.clock))
        }
        for (index, config) in receiver.emailConfigs.enumerated() {
            integrations.append(
                EmailIntegration(
                    config: config, index: index, client: self.client, externalURL: self.externalURL, templates: templates,
                    clock: self.clock))
        }
        return integrations
    }

    /// Runs `job` to its final outcome.
    public func deliver(_ job: NotificationJob, wait: Duration = .zero) async throws(NotifyFailure) -> [IntegrationOutcome] {
        guard let config = self.configuration() else { throw NotifyFailure("no configuration loaded") }
        guard let receiver = config.receiver(named: job.receiver) else {
            throw NotifyFailure("receiver \(job.receiver) is not in the configuration")
        }
        let templates = try NotificationTemplates(templateGlobs: config.templates)
        let pipelines = try self.integrations(of: receiver, templates: templates).map {
            IntegrationPipeline(integration: $0, log: self.log, clock: self.clock, metrics: self.metrics, logger: self.logger)
        }
        return try await ReceiverPipeline(receiver: receiver.name, integrations: pipelines).run(job, wait: wait)
    }
}
