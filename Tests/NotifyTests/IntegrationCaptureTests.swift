import Curl
import Foundation
import Logging
import Notify
import Testing
import TocsinConfig
import TocsinModel
import TocsinTemplate

/// Every 0.25 integration against real Alertmanager 0.25: both send the same alerts with the same
/// config (Fixtures/integrations-am.yml.in, one receiver per integration, routed by the `integration`
/// label) to one local sink, firing then resolved, and the captured requests must be identical: method,
/// path (or CONNECT tunnel for the fixed HTTPS endpoints of Pushover and PagerDuty v1), headers, body.
///
/// Legitimate difference, checked separately: SNS signs at its own time (both signatures are verified
/// instead). The User-Agent is compared too, Go's default for Telegram and the AWS SDK's for SNS included.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: IntegrationSink.toolsAvailable, "needs prometheus-alertmanager, openssl and python3"))
struct IntegrationCaptureTests {
    /// Receivers of the config and their alert groups (the slack group has two alerts).
    static let receivers = [
        "slack", "pagerduty", "pagerduty1", "opsgenie", "victorops", "pushover", "wechat", "telegram", "sns", "sns2", "sns3",
        "discord", "webex", "slackd", "pagerdutyd", "opsgenied", "victoropsd", "pushoverd", "wechatd", "telegramd", "snsd",
        "discordd", "webexd",
    ]
    static let startsAt = GoTime(rfc3339: "2020-01-01T00:00:00.123456789Z")!
    static let endsAt = GoTime(rfc3339: "2020-01-01T01:00:00Z")!
    /// When the firing `i1` alerts start: a minute ahead (within Alertmanager's resolve_timeout, so it takes
    /// them). Alertmanager flushes a new group at once when an inserted alert started more than group_wait
    /// ago, racing the rest of the same POST; `i1` (inserted first) never triggers that, so a two-alert group
    /// is flushed when its `i2` (started in 2020) arrives, with both alerts in it. The resolved alerts start in
    /// 2020 again, and Alertmanager's merge keeps the earliest start.
    static let firingStartText: String = {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 60).rounded()))
    }()
    static var firingStart: GoTime { GoTime(rfc3339: firingStartText)! }

    static func alerts(_ receiver: String, resolved: Bool) -> [NotifiedAlert] {
        (receiver == "slack" || receiver.hasSuffix("d") ? ["i1", "i2"] : ["i1"]).map { instance in
            NotifiedAlert(
                labels: LabelSet(["alertname": "Cap", "integration": receiver, "instance": instance]),
                annotations: ["summary": "s <1>", "description": "d & \(instance)"],
                startsAt: !resolved && instance == "i1" ? Self.firingStart : Self.startsAt,
                endsAt: resolved ? Self.endsAt : nil,
                generatorURL: "http://gen/1")
        }
    }

    /// Alertmanager's API body for the alerts.
    static func apiBody(resolved: Bool) throws -> Data {
        let alerts = Self.receivers.flatMap { receiver in
            Self.alerts(receiver, resolved: resolved).map { alert -> [String: Any] in
                var object: [String: Any] = [
                    "labels": Dictionary(uniqueKeysWithValues: alert.labels.map { ($0.name, $0.value) }),
                    "annotations": ["summary": "s <1>", "description": alert.annotations.dictionary["description"] ?? ""],
                    "startsAt": !resolved && alert.labels.value(of: "instance") == "i1"
                        ? Self.firingStartText : "2020-01-01T00:00:00.123456789Z",
                    "generatorURL": "http://gen/1",
                ]
                if resolved { object["endsAt"] = "2020-01-01T01:00:00Z" }
                return object
            }
        }
        return try JSONSerialization.data(withJSONObject: alerts)
    }

    /// Requests per phase: 27 firing (OpsGenie create + two updates, WeChat token + send), 20 resolved
    /// (send_resolved only; the WeChat token is reused; sns3, slackd and wechatd do not send resolved).
    static let amFiring = 27
    static let amResolved = 20

    @Test func everyIntegrationSendsWhatAlertmanagerSends() async throws {
        try await IntegrationSink.with(
            arguments: [String(Self.amFiring), String(Self.amResolved)],
            prepare: { directory in
                let template = try #require(Bundle.module.url(forResource: "Fixtures/integrations-am.yml.in", withExtension: nil))
                try FileManager.default.copyItem(atPath: template.path, toPath: directory + "/am.yml.in")
                try Self.apiBody(resolved: false).write(to: URL(fileURLWithPath: directory + "/alerts-firing.json"))
                try Self.apiBody(resolved: true).write(to: URL(fileURLWithPath: directory + "/alerts-resolved.json"))
            }
        ) { sink in
            let status = try await sink.waitForFile("am-done", seconds: 100)
            #expect(status == "ok", "Alertmanager run: \(status ?? "did not finish")")
            let config = try AlertmanagerConfig.load(try String(contentsOfFile: sink.directory + "/am.yml", encoding: .utf8))
            try await Self.sendWithTocsin(config)
            Self.compare(alertmanager: sink.captures("am"), tocsin: sink.captures("tocsin"))
        }
    }

    /// Tocsin's integrations of each receiver, firing then resolved, as the dispatcher would hand them over.
    static func sendWithTocsin(_ config: AlertmanagerConfig) async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        let notifier = Notifier(
            configuration: { config }, log: FakeNotificationLog(clock: WallClock()), client: client,
            externalURL: "http://am.example:9093", logger: Logger(label: "capture-test"))
        for resolved in [false, true] {
            for name in Self.receivers {
                let receiver = try #require(config.receiver(named: name))
                let job = NotificationJob(
                    id: "j", receiver: name, groupKey: "{}/{integration=\"\(name)\"}:{alertname=\"Cap\"}",
                    groupLabels: ["alertname": "Cap"], alerts: Self.alerts(name, resolved: resolved), repeatInterval: .seconds(3600),
                    deadline: Date().addingTimeInterval(20))
                for integration in notifier.integrations(of: receiver, templates: try NotificationTemplates()) {
                    if resolved && !integration.sendResolved { continue }
                    do {
                        try await integration.notify(job.alerts, of: job, deadline: job.deadline)
                    } catch {
                        Issue.record("\(name)/\(integration.displayName): \(error)")
                    }
                }
            }
        }
    }

    /// Per endpoint, the requests in order must match.
    static func compare(alertmanager: [CapturedRequest], tocsin: [CapturedRequest]) {
        #expect(alertmanager.count == Self.amFiring + Self.amResolved)
        let endpoints = Set(alertmanager.map(\.endpoint)).union(tocsin.map(\.endpoint))
        #expect(endpoints.count == 23, "\(endpoints.sorted())")
        for endpoint in endpoints.sorted() {
            let expected = alertmanager.filter { $0.endpoint == endpoint }
            let actual = tocsin.filter { $0.endpoint == endpoint }
            #expect(actual.count == expected.count, "\(endpoint): \(actual.count) requests, Alertmanager sent \(expected.count)")
            for (am, ours) in zip(expected, actual) {
                #expect(ours.method == am.method, "\(endpoint)")
                #expect(ours.path == am.path, "\(endpoint)")
                #expect(ours.tunnel == am.tunnel, "\(endpoint)")
                #expect(ours.bodyText == am.bodyText, "\(endpoint)")
                #expect(ours.body == am.body, "\(endpoint): body bytes")
                var differing: Set<String> = []
                if ["sns", "sns2", "", "snsd"].contains(endpoint) {
                    differing.formUnion(["authorization", "x-amz-date"])
                    #expect(Self.signatureIsValid(am), "Alertmanager's signature checks with SigV4Signer: \(am.headers)")
                    #expect(Self.signatureIsValid(ours), "Tocsin's signature checks: \(ours.headers)")
                }
                #expect(
                    ours.headers.filter { !differing.contains($0.key) } == am.headers.filter { !differing.contains($0.key) }, "\(endpoint)")
            }
        }
    }

    /// Recomputes a captured SNS request's signature with the config's key at its own `X-Amz-Date`.
    static func signatureIsValid(_ request: CapturedRequest) -> Bool {
        let keys = [
            "sns": ("AKIDEXAMPLE", "wJalrXUtnFEMI", "us-east-1"), "snsd": ("AKIDEXAMPLE", "wJalrXUtnFEMI", "us-east-1"),
            "sns2": ("AKID2", "s2", "eu-west-1"), "": ("AKID3", "s3", "ap-south-1"),
        ]
        guard let (access, secret, region) = keys[request.endpoint], let stamp = request.headers["x-amz-date"],
            let date = Self.date(amz: stamp)
        else { return false }
        let signer = SigV4Signer(credentials: AWSCredentials(accessKey: access, secretKey: secret), region: region, service: "sns")
        let headers = ["content-length", "content-type", "host"].reduce(into: [String: String]()) { $0[$1] = request.headers[$1] }
        let signed = signer.sign(method: request.method, path: request.path, headers: headers, body: request.body, at: date)
        return signed.first { $0.0 == "Authorization" }?.1 == request.headers["authorization"]
    }

    static func date(amz: String) -> Date? {
        let digits = amz.filter(\.isNumber)
        guard digits.count == 14 else { return nil }
        var parts = DateComponents()
        let n = Array(digits)
        func int(_ r: Range<Int>) -> Int { Int(String(n[r])) ?? 0 }
        parts.year = int(0..<4)
        parts.month = int(4..<6)
        parts.day = int(6..<8)
        parts.hour = int(8..<10)
        parts.minute = int(10..<12)
        parts.second = int(12..<14)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: parts)
    }
}
