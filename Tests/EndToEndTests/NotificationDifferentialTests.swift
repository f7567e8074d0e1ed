#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

/// The same alerts, silence and resolution through real Alertmanager 0.25 and through a Tocsin node with the
/// same routing tree (group_by, a child route with `continue`, an inhibition rule, `send_resolved`): the
/// webhook receives the same notifications from both, group by group (issue 5: "the same inputs give the same
/// notifications").
@Suite(.serialized, .timeLimit(.minutes(3)))
struct NotificationDifferentialTests {
    static func configuration(sinkPort: Int, prefix: String) -> String {
        """
        route:
          receiver: hook
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
          routes:
            - matchers: ['severity="page"']
              receiver: pager
              group_by: ['alertname', 'instance']
              continue: true
            - matchers: ['severity="page"']
              receiver: hook
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: ['instance']
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:\(sinkPort)/\(prefix)-hook
                send_resolved: true
          - name: pager
            webhook_configs:
              - url: http://127.0.0.1:\(sinkPort)/\(prefix)-pager
                send_resolved: true
        """
    }

    static let firing = """
        [{"labels":{"alertname":"DiskFull","instance":"i1","severity":"warning"}},
         {"labels":{"alertname":"DiskFull","instance":"i1b","severity":"warning"}},
         {"labels":{"alertname":"NodeDown","instance":"i1","severity":"critical"}},
         {"labels":{"alertname":"Latency","instance":"i2","severity":"page"}},
         {"labels":{"alertname":"Latency","instance":"i3","severity":"page"}},
         {"labels":{"alertname":"Muted","instance":"i4"}}]
        """

    static func resolved(at date: Date) -> String {
        let endsAt = ISO8601DateFormatter().string(from: date)
        return #"[{"labels":{"alertname":"Latency","instance":"i2","severity":"page"},"endsAt":"\#(endsAt)"}]"#
    }

    static let silence = """
        {"matchers":[{"name":"alertname","value":"Muted","isRegex":false,"isEqual":true}],
         "startsAt":"2020-01-01T00:00:00Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"e2e","comment":"differential"}
        """

    /// One notification reduced to what must agree: group key, status, and each alert's identity and status.
    static func summary(_ body: String) -> String {
        guard let payload = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else { return "unreadable" }
        let alerts = (payload["alerts"] as? [[String: Any]] ?? []).map { alert -> String in
            let labels = alert["labels"] as? [String: String] ?? [:]
            return "\(labels["alertname"] ?? "")/\(labels["instance"] ?? ""):\(alert["status"] as? String ?? "")"
        }.sorted()
        return "\(payload["groupKey"] as? String ?? "")\t\(payload["status"] as? String ?? "") [\(alerts.joined(separator: ","))]"
    }

    /// The summaries of the notifications received on `path`, grouped by group key, each group in arrival order.
    static func groups(_ sink: WebhookSink, _ path: String) -> [String: [String]] {
        Dictionary(grouping: sink.requests(path: path).map { summary($0.body) }) { $0.split(separator: "\t").first.map(String.init) ?? "" }
    }

    @Test func sameAlertsGiveTheSameNotificationsAsAlertmanager() async throws {
        guard AlertmanagerPeer.isInstalled else {
            print("skipping: prometheus-alertmanager is not installed")
            return
        }
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }

        try await AlertmanagerPeer.with(configuration: Self.configuration(sinkPort: sink.port, prefix: "am"), clustered: false) {
            alertmanager in
            try await TocsinNode.with(
                extraArguments: ["--cluster.listen-address="], configuration: Self.configuration(sinkPort: sink.port, prefix: "tocsin")
            ) { node in
                #expect(await node.waitUntilReady())
                for port in [alertmanager.webPort, node.port] {
                    let created = await httpRequest(
                        port: port, method: "POST", path: "/api/v2/silences", body: Self.silence, contentType: "application/json")
                    #expect(created?.status == 200)
                }
                // Both get every input at the same moments, so their group timers tick together.
                async let toAlertmanager = httpRequest(
                    port: alertmanager.webPort, method: "POST", path: "/api/v2/alerts", body: Self.firing, contentType: "application/json")
                async let toTocsin = httpRequest(
                    port: node.port, method: "POST", path: "/api/v2/alerts", body: Self.firing, contentType: "application/json")
                #expect(await toAlertmanager?.status == 200)
                #expect(await toTocsin?.status == 200)

                // Halfway between the first flush (group_wait, 1 s) and the next (group_interval, 2 s later).
                try await Task.sleep(for: .seconds(2))
                let resolution = Self.resolved(at: Date())
                async let resolvedAlertmanager = httpRequest(
                    port: alertmanager.webPort, method: "POST", path: "/api/v2/alerts", body: resolution, contentType: "application/json")
                async let resolvedTocsin = httpRequest(
                    port: node.port, method: "POST", path: "/api/v2/alerts", body: resolution, contentType: "application/json")
                #expect(await resolvedAlertmanager?.status == 200)
                #expect(await resolvedTocsin?.status == 200)

                // Wait for the resolved notifications, then two more group intervals for anything extra.
                #expect(
                    await eventually(within: .seconds(30)) {
                        sink.requests(path: "/am-pager").count >= 3 && sink.requests(path: "/tocsin-pager").count >= 3
                    })
                try await Task.sleep(for: .seconds(4))
            }
        }

        let expectedHook = Self.groups(sink, "/am-hook")
        let expectedPager = Self.groups(sink, "/am-pager")
        // Alertmanager itself must have done what the scenario means, or the comparison proves little.
        #expect(
            expectedHook.keys.sorted() == [
                #"{}/{severity="page"}:{alertname="Latency"}"#, #"{}:{alertname="DiskFull"}"#, #"{}:{alertname="NodeDown"}"#,
            ])
        #expect(expectedPager.count == 2)
        #expect(
            expectedHook[#"{}:{alertname="DiskFull"}"#] == ["{}:{alertname=\"DiskFull\"}\tfiring [DiskFull/i1b:firing]"],
            "inhibited i1 left out")
        #expect(expectedPager[#"{}/{severity="page"}:{alertname="Latency", instance="i2"}"#]?.last?.contains("resolved") == true)
        #expect(Self.groups(sink, "/tocsin-hook") == expectedHook)
        #expect(Self.groups(sink, "/tocsin-pager") == expectedPager)
    }
}
