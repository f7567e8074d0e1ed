import Curl
import Foundation
import Testing
import TocsinConfig
import TocsinModel

@testable import Notify

/// VictorOps' URL, message types and payload.
@Suite struct VictorOpsIntegrationTests {
    func victorops(_ yaml: String) throws -> VictorOpsIntegration {
        let receiver = try IntegrationTestKit.receiver(
            "  victorops_configs:\n  - api_url: http://127.0.0.1:1/vo\n    state_message: s\n    entity_display_name: e\n    monitoring_tool: t\n"
                + yaml)
        return VictorOpsIntegration(
            config: try #require(receiver.victorOpsConfigs.first), index: 0, environment: try IntegrationTestKit.environment())
    }

    @Test func theKeyAndRoutingKeyArePathEscapedAsGoEscapesThem() throws {
        let vo = try self.victorops("    api_key: 'a b?c'\n    routing_key: 'r/{{ .CommonLabels.alertname }}'\n")
        let request = try vo.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")]))
        #expect(request.url == "http://127.0.0.1:1/vo/a%20b%3Fc/r/A")
    }

    @Test func messageTypesFollowTheAlertsStatus() throws {
        func type(_ configured: String, _ alerts: [NotifiedAlert]) throws -> String? {
            let vo = try self.victorops("    api_key: k\n    routing_key: r\n    message_type: '\(configured)'\n")
            let body = try vo.request(for: alerts, of: IntegrationTestKit.job(alerts)).body
            return (try JSONSerialization.jsonObject(with: Data(body)) as? [String: String])?["message_type"]
        }
        #expect(try type("INFO", [firing("A")]) == "INFO")
        #expect(try type("info", [firing("A")]) == "CRITICAL")
        #expect(try type("WARNING", [resolved("A", at: Date().addingTimeInterval(-1))]) == "RECOVERY")
    }

    @Test func customFieldsJoinTheSortedPayload() throws {
        let vo = try self.victorops("    api_key: k\n    routing_key: r\n    custom_fields: {b: '{{ .Status }}', a: x}\n")
        let body = IntegrationTestKit.text(try vo.request(for: [firing("A")], of: IntegrationTestKit.job([firing("A")])))
        let hash = GroupKey(rawValue: "{}:{alertname=\"A\"}").hash
        #expect(
            body
                == #"{"a":"x","b":"firing","entity_display_name":"e","entity_id":"\#(hash)","message_type":"CRITICAL","monitoring_tool":"t","state_message":"s"}"#
                + "\n")
    }
}
