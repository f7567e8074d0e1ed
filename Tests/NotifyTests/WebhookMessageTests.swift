import Foundation
import Notify
import Testing
import TocsinModel
import TocsinTemplate

/// The webhook body against one captured from real Alertmanager 0.25 (Fixtures/alertmanager-webhook-body.json:
/// two alerts posted to `prometheus-alertmanager` on loopback, the body its webhook POSTed to a sink).
@Suite struct WebhookMessageTests {
    func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The same alerts as the capture, in the order Alertmanager sent them.
    var capturedAlerts: [NotifiedAlert] {
        [
            NotifiedAlert(
                labels: ["alertname": "DiskFull", "instance": "db2", "severity": "page"], annotations: ["summary": "other"],
                startsAt: GoTime(rfc3339: "2026-11-25T01:00:01Z")!, endsAt: GoTime(rfc3339: "2026-11-25T01:00:02.5Z")!),
            NotifiedAlert(
                labels: ["alertname": "DiskFull", "instance": "db<1>&x", "severity": "page"],
                annotations: ["summary": "disk \"full\"\n", "z": "a"],
                startsAt: GoTime(rfc3339: "2026-11-25T01:00:00.123456789Z")!, generatorURL: "http://prom/graph?g0.expr=up"),
        ]
    }

    @Test func bodyMatchesAlertmanagersByteForByte() throws {
        let message = WebhookMessage(
            receiver: "team-X.hook", groupKey: "{}:{alertname=\"DiskFull\"}", groupLabels: ["alertname": "DiskFull"],
            alerts: self.capturedAlerts, maxAlerts: 0, externalURL: "http://am.example:9093",
            now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(String(decoding: message.encoded, as: UTF8.self) == (try self.fixture("alertmanager-webhook-body.json")))
    }

    @Test func maxAlertsTruncatesAndCountsTheRest() throws {
        let message = WebhookMessage(
            receiver: "r", groupKey: "g", groupLabels: [:], alerts: self.capturedAlerts, maxAlerts: 1, externalURL: "",
            now: Date(timeIntervalSince1970: 1_800_000_000))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(message.encoded)) as? [String: Any])
        #expect((object["alerts"] as? [Any])?.count == 1)
        #expect(object["truncatedAlerts"] as? Int == 1)
        #expect(object["status"] as? String == "resolved")
        #expect(object["commonLabels"] as? [String: String] == ["alertname": "DiskFull", "instance": "db2", "severity": "page"])
    }

    @Test func stringsAreEscapedAsGoEscapesThem() {
        let alert = NotifiedAlert(labels: ["a": "x\u{01}\u{08}\u{2028}\u{2029}é\t\r"], startsAt: .zero)
        let body = String(
            decoding: WebhookMessage(
                receiver: "r", groupKey: "g", groupLabels: [:], alerts: [alert], maxAlerts: 0, externalURL: "", now: Date()
            ).encoded, as: UTF8.self)
        #expect(body.contains(#""labels":{"a":"x\u0001\u0008\u2028\u2029é\t\r"}"#))
        #expect(body.contains(#""startsAt":"0001-01-01T00:00:00Z""#))
    }

    @Test func headersAreAlertmanagers() throws {
        let captured = try self.fixture("alertmanager-webhook-headers.txt")
        #expect(captured.contains("User-Agent: \(WebhookIntegration.userAgent)"))
        #expect(captured.contains("Content-Type: application/json"))
    }
}
