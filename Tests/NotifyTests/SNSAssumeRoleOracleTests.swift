import Curl
import Foundation
import Testing
import TocsinConfig
import TocsinModel
import TocsinTemplate

@testable import Notify

/// The STS and Publish calls of real Alertmanager 0.25 with `role_arn` next to Tocsin's, both captured by
/// the sink (Alertmanager reaches sts.amazonaws.com through the sink's proxy, trusting its CA).
@Suite(
    .serialized, .timeLimit(.minutes(2)),
    .enabled(if: IntegrationSink.toolsAvailable, "needs prometheus-alertmanager, openssl and python3"))
struct SNSAssumeRoleOracleTests {
    static let config = """
        route: {receiver: snsrole, group_wait: 0s, group_interval: 1m}
        receivers:
        - name: snsrole
          sns_configs:
          - api_url: http://127.0.0.1:@PORT@/snsrole
            send_resolved: false
            topic_arn: 'arn:aws:sns:eu-west-1:123456789012:t'
            sigv4: {region: eu-west-1, access_key: AKIDBASE, secret_key: basesecret, role_arn: '\(SNSAssumeRoleTests.role)'}

        """

    @Test func tocsinAssumesTheRoleAsAlertmanagerDoes() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with(
            arguments: ["2", "0"],
            prepare: { directory in
                try Self.config.write(toFile: directory + "/am.yml.in", atomically: false, encoding: .utf8)
                try #"[{"labels":{"alertname":"R"}}]"#.write(toFile: directory + "/alerts-firing.json", atomically: false, encoding: .utf8)
                try "[]".write(toFile: directory + "/alerts-resolved.json", atomically: false, encoding: .utf8)
            }
        ) { sink in
            let status = try await sink.waitForFile("am-done", seconds: 60)
            #expect(status == "ok", "Alertmanager run: \(status ?? "did not finish")")
            let config = try AlertmanagerConfig.load(try String(contentsOfFile: sink.directory + "/am.yml", encoding: .utf8))
            let receiver = try #require(config.receiver(named: "snsrole"))
            var sns = SNSIntegration(
                config: try #require(receiver.snsConfigs.first), index: 0, environment: try IntegrationTestKit.environment(client: client),
                processEnvironment: [:])
            sns.stsEndpoint = STSAssumeRole.Endpoint(url: "http://127.0.0.1:\(sink.port)/", signingRegion: "us-east-1")
            let alerts = [NotifiedAlert(labels: ["alertname": "R"], startsAt: GoTime(seconds: 1_700_000_000, nanoseconds: 0))]
            // Alertmanager's route has no group_by: no group labels.
            let job = NotificationJob(
                id: "j", receiver: "snsrole", groupKey: "{}:{}", groupLabels: [:], alerts: alerts, repeatInterval: .seconds(3600),
                deadline: Date().addingTimeInterval(20))
            try await sns.notify(alerts, of: job, deadline: job.deadline)

            func split(_ captures: [CapturedRequest]) -> (sts: CapturedRequest?, publish: CapturedRequest?) {
                (captures.first { $0.bodyText.contains("Action=AssumeRole") }, captures.first { $0.bodyText.contains("Action=Publish") })
            }
            let (amSTS, amPublish) = split(sink.captures("am"))
            let (ourSTS, ourPublish) = split(sink.captures("tocsin"))
            let am = try #require(amSTS, "Alertmanager called STS: \(sink.captures("am"))")
            let ours = try #require(ourSTS)
            #expect(am.tunnel == "sts.amazonaws.com:443", "eu-west-1 uses the global endpoint")
            #expect(am.path == "/" && ours.path == "/")
            var amForm = SNSAssumeRoleTests.form(am)
            var ourForm = SNSAssumeRoleTests.form(ours)
            #expect(amForm.removeValue(forKey: "RoleSessionName")?.allSatisfy(\.isNumber) == true)
            #expect(ourForm.removeValue(forKey: "RoleSessionName")?.allSatisfy(\.isNumber) == true)
            #expect(ourForm == amForm)
            let signed = ["authorization", "x-amz-date", "host", "content-length"]
            #expect(ours.headers.filter { !signed.contains($0.key) } == am.headers.filter { !signed.contains($0.key) })
            let base = AWSCredentials(accessKey: "AKIDBASE", secretKey: "basesecret")
            #expect(SNSAssumeRoleTests.signatureChecks(am, base, region: "us-east-1", service: "sts"), "\(am.headers)")
            #expect(SNSAssumeRoleTests.signatureChecks(ours, base, region: "us-east-1", service: "sts"), "\(ours.headers)")

            let amSent = try #require(amPublish)
            let ourSent = try #require(ourPublish)
            #expect(ourSent.bodyText == amSent.bodyText)
            for publish in [amSent, ourSent] {
                let token = try #require(publish.headers["x-amz-security-token"])
                let keyID = publish.headers["authorization"]?.split(separator: "=").dropFirst().first?.split(separator: "/").first ?? ""
                let temporary = AWSCredentials(
                    accessKey: String(keyID), secretKey: "temp/secret+\(token.split(separator: "&").last ?? "")", sessionToken: token)
                #expect(keyID.hasPrefix("ASIATEMP"))
                #expect(SNSAssumeRoleTests.signatureChecks(publish, temporary, region: "eu-west-1", service: "sns"), "\(publish.headers)")
            }
            #expect(
                ourSent.headers.filter { !["authorization", "x-amz-date", "x-amz-security-token", "host"].contains($0.key) }
                    == amSent.headers.filter { !["authorization", "x-amz-date", "x-amz-security-token", "host"].contains($0.key) })
        }
    }
}
