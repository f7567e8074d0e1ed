import Foundation
import Testing

/// `--web.route-prefix` and `--web.external-url` on a real node: every route moves under the prefix, as
/// Alertmanager 0.25 serves them, and `/` redirects to it.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct WebRoutesTests {
    @Test func routesMoveUnderTheRoutePrefix() async throws {
        try await TocsinNode.with(extraArguments: ["--web.route-prefix=/am/", "--web.timeout=30s"]) { node in
            #expect(await eventually(within: .seconds(30)) { await httpStatus(port: node.port, path: "/am/-/ready") == 200 })
            #expect(await httpStatus(port: node.port, path: "/am/api/v2/status") == 200)
            #expect(await httpStatus(port: node.port, path: "/am/metrics") == 200)
            #expect(await httpStatus(port: node.port, path: "/api/v2/status") == 404)
            let root = await httpRequest(port: node.port, method: "GET", path: "/")
            #expect(root?.status == 302)
            #expect(root?.body == "<a href=\"/am\">Found</a>.\n\n")
        }
    }

    @Test func thePrefixDefaultsToTheExternalURLsPath() async throws {
        try await TocsinNode.with(extraArguments: ["--web.external-url=http://alerts.example.test/alerting/"]) { node in
            #expect(await eventually(within: .seconds(30)) { await httpStatus(port: node.port, path: "/alerting/-/ready") == 200 })
            let status = await httpRequest(port: node.port, method: "GET", path: "/alerting/api/v2/status")
            #expect(status?.status == 200)
            #expect(await httpStatus(port: node.port, path: "/-/ready") == 404)
        }
    }

    @Test func alertsReceivedAndInvalidAreCountedLikeAlertmanager() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let past = "2020-01-01T00:00:00Z"
            let posted = await httpRequest(
                port: node.port, method: "POST", path: "/api/v2/alerts",
                body: #"[{"labels":{"alertname":"Up"}},{"labels":{"alertname":"Gone"},"endsAt":"\#(past)"},{"labels":{}}]"#,
                contentType: "application/json")
            #expect(posted?.status == 400)
            // Gone started long ago, so its group flushes at once and marks it; wait (bounded) for that.
            var text = ""
            _ = await eventually(within: .seconds(20)) {
                text = await httpRequest(port: node.port, method: "GET", path: "/metrics")?.body ?? ""
                return text.contains("alertmanager_marked_alerts{state=\"active\"} 1\n")
            }
            // Alertmanager counts every decoded alert as received, the invalid one too, then that one as invalid.
            #expect(text.contains("alertmanager_alerts_received_total{status=\"firing\",version=\"v2\"} 2\n"))
            #expect(text.contains("alertmanager_alerts_received_total{status=\"resolved\",version=\"v2\"} 1\n"))
            #expect(text.contains("alertmanager_alerts_invalid_total{version=\"v2\"} 1\n"))
            #expect(text.contains("alertmanager_alerts{state=\"unprocessed\"} 1\n"), "the firing alert waits for its group's first flush")
            // group_by alertname: one group each.
            #expect(text.contains("alertmanager_dispatcher_aggregation_groups 2\n"))
            #expect(text.contains("alertmanager_marked_alerts{state=\"active\"} 1\n"))
            #expect(text.contains("alertmanager_receivers 1\n"))
            #expect(text.contains("alertmanager_integrations 1\n"))
        }
    }
}
