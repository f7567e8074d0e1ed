import Curl
import Foundation
import Notify
import Testing
import TocsinConfig
import TocsinModel

@testable import Notify

/// PagerDuty's two APIs, their limits and their error classification.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct PagerdutyIntegrationTests {
    static let plain =
        "    client: cl\n    client_url: http://cl\n    description: 'd {{ .Status }}'\n"
        + "    details: {firing: f, resolved: r, num_firing: '1', num_resolved: '0'}\n"

    func pagerduty(_ yaml: String, logger: LogRecorder = LogRecorder(), client: CurlClient = CurlClient()) throws -> PagerdutyIntegration {
        let receiver = try IntegrationTestKit.receiver("  pagerduty_configs:\n  - " + yaml + Self.plain)
        return PagerdutyIntegration(
            config: try #require(receiver.pagerdutyConfigs.first), index: 0,
            environment: try IntegrationTestKit.environment(client: client, logger: logger.logger))
    }

    @Test func v1GoesToTheFixedEndpointWithoutClientFieldsOnResolve() throws {
        let v1 = try self.pagerduty("service_key: sk\n    url: http://127.0.0.1:1/ignored\n")
        let alert = resolved("A", at: Date().addingTimeInterval(-60))
        let request = try v1.request(for: [alert], of: IntegrationTestKit.job([alert]))
        #expect(request.url == "https://events.pagerduty.com/generic/2010-04-15/create_event.json")
        let hash = GroupKey(rawValue: "{}:{alertname=\"A\"}").hash
        #expect(
            IntegrationTestKit.text(request)
                == #"{"service_key":"sk","incident_key":"\#(hash)","event_type":"resolve","description":"d resolved","event_action":"","payload":null,"details":{"firing":"f","num_firing":"1","num_resolved":"0","resolved":"r"}}"#
                + "\n")
    }

    @Test func theSummaryIsCutAndAnOversizedEventLosesItsDetails() throws {
        let recorder = LogRecorder()
        let big = String(repeating: "x", count: 600_000)
        let file = NSTemporaryDirectory() + "pd-key-\(UInt32.random(in: 0...UInt32.max))"
        try "rk-from-file\n".write(toFile: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let receiver = try IntegrationTestKit.receiver(
            "  pagerduty_configs:\n  - routing_key_file: \(file)\n    url: http://127.0.0.1:1/v2\n    client: cl\n    client_url: ''\n"
                + "    description: '\(String(repeating: "ü", count: 1030))'\n    details: {firing: \(big), resolved: r, num_firing: '1', num_resolved: '0'}\n"
        )
        let v2 = PagerdutyIntegration(
            config: try #require(receiver.pagerdutyConfigs.first), index: 0,
            environment: try IntegrationTestKit.environment(logger: recorder.logger))
        let request = try v2.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        let text = IntegrationTestKit.text(request)
        #expect(text.contains(#""routing_key":"rk-from-file""#))
        #expect(text.contains(#""summary":"\#(String(repeating: "ü", count: 1023))…""#))
        #expect(
            text.contains(
                #""custom_details":{"error":"Custom details have been removed because the original event exceeds the maximum size of 512KB"}"#
            ))
        #expect(text.contains(#""severity":"error""#))
        #expect(recorder.lines.count == 2)
        #expect(recorder.lines.first?.hasPrefix(#"level=warning msg="Truncated summary""#) == true)
        #expect(recorder.lines.last?.hasPrefix(#"level=warning msg="Truncated Details because message of size 602KB"#) == true)
    }

    @Test func sizesPrintAsAlertmanagersUnitsDo() {
        #expect(PagerdutyIntegration.metricBytes(512_000) == "512KB")
        #expect(PagerdutyIntegration.metricBytes(600_123) == "600KB123B")
        #expect(PagerdutyIntegration.metricBytes(0) == "0B")
        #expect(PagerdutyIntegration.metricBytes(1_000_001) == "1MB1B")
    }

    @Test func v2Retries429AndExplainsA400() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            func attempt(_ path: String) async throws -> IntegrationError? {
                await IntegrationTestKit.send(
                    try self.pagerduty("routing_key: rk\n    url: http://127.0.0.1:\(sink.port)\(path)\n", client: client), [firing("A")])
            }
            let ok = try await attempt("/pd/ok")
            let invalid = try await attempt("/fail/400/pd")
            let throttled = try await attempt("/fail/429/text")
            let forbidden = try await attempt("/fail/403/text")
            let broken = try await attempt("/fail/500/text")
            #expect(ok == nil)
            #expect(
                invalid
                    == IntegrationError(
                        "unexpected status code 400: Event object is invalid: Length of 'routing_key' is incorrect,x", isRetryable: false))
            #expect(throttled == IntegrationError("unexpected status code 429", isRetryable: true))
            #expect(forbidden?.isRetryable == false)
            #expect(broken?.isRetryable == true)
        }
        let refused = try self.pagerduty(
            "routing_key: rk\n    url: http://127.0.0.1:\(try WebhookIntegrationTests.closedPort())/x\n", client: client)
        let error = try #require(await IntegrationTestKit.send(refused, [firing("A")]))
        #expect(error.isRetryable)
        #expect(error.message.hasPrefix("failed to post message to PagerDuty: Post \"http://127.0.0.1:"))
    }

    @Test func v1Retries403ButNot429() {
        let v1 = StatusRetrier(retryCodes: [403], details: PagerdutyIntegration.errorDetails)
        #expect(v1.error(status: 403, body: [])?.isRetryable == true)
        #expect(v1.error(status: 429, body: [])?.isRetryable == false)
        #expect(v1.error(status: 202, body: []) == nil)
        #expect(v1.error(status: 400, body: Array("not json".utf8))?.message == "unexpected status code 400")
    }
}
