import Curl
import Foundation
import Logging
import TocsinModel
import TocsinTemplate

/// What the integrations of one notifier share: the HTTP client, the templates, the clock, the logger
/// and the caches that outlive one notification (WeChat access tokens, credentials of assumed AWS roles).
///
/// Alertmanager builds its notifiers once per configuration; Tocsin builds integrations per job, so
/// state a notifier would keep between notifications lives here instead.
public struct IntegrationEnvironment: Sendable {
    public var client: CurlClient
    /// `--web.external-url`, the `.ExternalURL` of template data.
    public var externalURL: String
    public var templates: NotificationTemplates
    public var clock: any NotifyClock
    public var logger: Logger
    public var wechatTokens: WechatTokenCache
    public var awsRoles: AWSRoleCredentialsCache

    /// An environment; `wechatTokens` and `awsRoles` should be the notifier's caches so tokens and
    /// temporary credentials are reused.
    public init(
        client: CurlClient, externalURL: String, templates: NotificationTemplates,
        clock: any NotifyClock = WallClock(), logger: Logger = Logger(label: "tocsin.notify"),
        wechatTokens: WechatTokenCache = WechatTokenCache(), awsRoles: AWSRoleCredentialsCache = AWSRoleCredentialsCache()
    ) {
        self.client = client
        self.externalURL = externalURL
        self.templates = templates
        self.clock = clock
        self.logger = logger
        self.wechatTokens = wechatTokens
        self.awsRoles = awsRoles
    }

    /// The renderer of config strings over the template data of `alerts` (notify.go `GetTemplateData`).
    func rendering(_ alerts: [NotifiedAlert], of job: NotificationJob) -> NotificationRendering {
        let data = NotificationTemplates.data(
            receiver: job.receiver, groupLabels: job.groupLabels, alerts: alerts, externalURL: self.externalURL,
            now: self.clock.now())
        return NotificationRendering(templates: self.templates, data: data)
    }

    /// The time left until `deadline`, at least a millisecond so an expired deadline still fails fast.
    func timeout(until deadline: Date) -> Duration {
        .nanoseconds(Int64(max(deadline.timeIntervalSince(self.clock.now()), 0.001) * 1e9))
    }
}

/// Renders config strings over one notification's data, as Alertmanager's `TmplText` and `TmplHTML` do.
///
/// A template that fails fails the notification for good (retrying cannot fix it), with the template's error
/// as the message: every integration reports it the same way, so the wrapping is done here once.
struct NotificationRendering: Sendable {
    let templates: NotificationTemplates
    let data: TemplateData

    /// `ExecuteTextString`.
    func text(_ text: String) throws(IntegrationError) -> String {
        do {
            return try self.templates.render(text, data: self.data)
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
    }

    /// `ExecuteHTMLString`: html/template escaping.
    func html(_ text: String) throws(IntegrationError) -> String {
        do {
            return try self.templates.render(text, data: self.data, html: true)
        } catch {
            throw IntegrationError("\(error)", isRetryable: false)
        }
    }

    /// `firing` when any alert fires, else `resolved` (`types.Alerts(...).Status()`).
    var status: String { self.data.status }
}

extension NotificationJob {
    /// The SHA-256 of the group key (notify.go `Key.Hash()`): PagerDuty's dedup key, OpsGenie's alias,
    /// VictorOps' entity id and the SNS FIFO ids, which have length limits the key itself may exceed.
    var groupKeyHash: String { GroupKey(rawValue: self.groupKey).hash }
}
