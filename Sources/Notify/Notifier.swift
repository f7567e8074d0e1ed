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
    /// WeChat access tokens, reused across jobs as Alertmanager's notifier reuses its token.
    let wechatTokens = WechatTokenCache()
    /// Temporary credentials of SNS `sigv4.role_arn`, reused across jobs until shortly before they expire.
    let awsRoles = AWSRoleCredentialsCache()
    /// The parsed templates of the configuration in force.
    let templateCache = NotificationTemplatesCache()

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

    /// The integrations of `receiver` in Alertmanager's order (main.go `buildReceiverIntegrations`):
    /// webhook, email, pagerduty, opsgenie, wechat, slack, victorops, pushover, sns, telegram, discord,
    /// webex, then msteams (0.26), each config keeping its index for the nflog.
    ///
    /// Templated integrations render with `templates` (the defaults plus the config's `templates` files).
    public func integrations(of receiver: Receiver, templates: NotificationTemplates) -> [any Integration] {
        let environment = IntegrationEnvironment(
            client: self.client, externalURL: self.externalURL, templates: templates, clock: self.clock, logger: self.logger,
            wechatTokens: self.wechatTokens, awsRoles: self.awsRoles)
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
        for (index, config) in receiver.pagerdutyConfigs.enumerated() {
            integrations.append(PagerdutyIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.opsGenieConfigs.enumerated() {
            integrations.append(OpsGenieIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.wechatConfigs.enumerated() {
            integrations.append(WechatIntegration(config: config, index: index, receiver: receiver.name, environment: environment))
        }
        for (index, config) in receiver.slackConfigs.enumerated() {
            integrations.append(SlackIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.victorOpsConfigs.enumerated() {
            integrations.append(VictorOpsIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.pushoverConfigs.enumerated() {
            integrations.append(PushoverIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.snsConfigs.enumerated() {
            integrations.append(SNSIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.telegramConfigs.enumerated() {
            integrations.append(TelegramIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.discordConfigs.enumerated() {
            integrations.append(DiscordIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.webexConfigs.enumerated() {
            integrations.append(WebexIntegration(config: config, index: index, environment: environment))
        }
        for (index, config) in receiver.msTeamsConfigs.enumerated() {
            integrations.append(MSTeamsIntegration(config: config, index: index, environment: environment))
        }
        return integrations
    }

    /// Runs `job` to its final outcome.
    public func deliver(_ job: NotificationJob, wait: Duration = .zero) async throws(NotifyFailure) -> [IntegrationOutcome] {
        guard let config = self.configuration() else { throw NotifyFailure("no configuration loaded") }
        guard let receiver = config.receiver(named: job.receiver) else {
            throw NotifyFailure("receiver \(job.receiver) is not in the configuration")
        }
        let templates = try self.templateCache.templates(for: config)
        let pipelines = self.integrations(of: receiver, templates: templates).map {
            IntegrationPipeline(integration: $0, log: self.log, clock: self.clock, metrics: self.metrics, logger: self.logger)
        }
        return try await ReceiverPipeline(receiver: receiver.name, integrations: pipelines).run(job, wait: wait)
    }
}
