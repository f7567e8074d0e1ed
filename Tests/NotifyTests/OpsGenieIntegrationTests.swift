import Curl
import Foundation
import Testing
import TocsinConfig
import TocsinModel

@testable import Notify

/// OpsGenie's create/update/close requests and its error classification.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OpsGenieIntegrationTests {
    static let plain = "    message: m\n    description: d\n    source: s\n"

    func opsgenie(_ yaml: String, client: CurlClient = CurlClient()) throws -> OpsGenieIntegration {
        let receiver = try IntegrationTestKit.receiver("  opsgenie_configs:\n  - " + yaml + Self.plain)
        return OpsGenieIntegration(
            config: try #require(receiver.opsGenieConfigs.first), index: 0, environment: try IntegrationTestKit.environment(client: client))
    }

    @Test func firingCreatesAndUpdatesResolvedCloses() throws {
        let file = NSTemporaryDirectory() + "og-key-\(UInt32.random(in: 0...UInt32.max))"
        try "k-{{ .CommonLabels.alertname }}\n".write(toFile: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let og = try self.opsgenie(
            "api_url: http://127.0.0.1:1/og/?region=eu\n    api_key_file: \(file)\n    update_alerts: true\n"
                + "    responders: [{name: '{{ .CommonLabels.nolabel }}', type: '{{ .CommonLabels.nolabel }}'}, {id: i, type: schedule}]\n")
        let alias = GroupKey(rawValue: "{}:{alertname=\"A\"}").hash
        let create = try og.requests(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(create.map(\.method) == ["POST", "PUT", "PUT"])
        #expect(
            create.map(\.url) == [
                "http://127.0.0.1:1/og/v2/alerts?region=eu",
                "http://127.0.0.1:1/og/v2/alerts/\(alias)/message?identifierType=alias&region=eu",
                "http://127.0.0.1:1/og/v2/alerts/\(alias)/description?identifierType=alias&region=eu",
            ])
        #expect(create.allSatisfy { $0.headers["Authorization"] == "GenieKey k-A" })
        // The responder whose fields all render empty is dropped.
        #expect(
            IntegrationTestKit.text(create[0])
                == #"{"alias":"\#(alias)","message":"m","description":"d","details":{"alertname":"A","instance":"a"},"source":"s","responders":[{"id":"i","type":"schedule"}]}"#
                + "\n")
        let gone = resolved("A", at: Date().addingTimeInterval(-1))
        let close = try og.requests(for: [gone], of: IntegrationTestKit.job([gone]))
        #expect(close.map(\.url) == ["http://127.0.0.1:1/og/v2/alerts/\(alias)/close?identifierType=alias&region=eu"])
        #expect(IntegrationTestKit.text(close[0]) == "{\"source\":\"s\"}\n")
    }

    @Test func safeSplitDropsEmptyPartsButKeepsSpaces() {
        #expect(OpsGenieIntegration.safeSplit(" a, b ,,c, ") == ["a", " b ", "c"])
        #expect(OpsGenieIntegration.safeSplit("  ").isEmpty)
    }

    @Test func retries429And5xxAndStopsAtTheFirstFailure() async throws {
        let client = CurlClient()
        defer { client.shutdown() }
        try await IntegrationSink.with { sink in
            let throttled = await IntegrationTestKit.send(
                try self.opsgenie(
                    "api_url: http://127.0.0.1:\(sink.port)/fail/429/\n    api_key: k\n    update_alerts: true\n", client: client),
                [firing("A")])
            let invalid = await IntegrationTestKit.send(
                try self.opsgenie("api_url: http://127.0.0.1:\(sink.port)/fail/422/\n    api_key: k\n", client: client), [firing("A")])
            #expect(throttled == IntegrationError("unexpected status code 429: nope", isRetryable: true))
            #expect(invalid == IntegrationError("unexpected status code 422: nope", isRetryable: false))
            // The updates were not sent after the create failed.
            #expect(sink.captures().map(\.method) == ["POST", "POST"])
        }
    }
}
