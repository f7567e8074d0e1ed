#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// The whole path through real processes: an alert posted to the API is routed, grouped, handed to the
/// notifier and delivered to a webhook; the same alerts through real Alertmanager 0.25 give the same body.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct AlertFlowTests {
    static func configuration(sinkPort: Int, path: String) -> String {
        """
        route:
          receiver: hook
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:\(sinkPort)\(path)
                send_resolved: true
        """
    }

    static let alerts = """
        [{"labels":{"alertname":"DiskFull","instance":"db-1","severity":"critical"},
          "annotations":{"summary":"disk is full"},
          "startsAt":"2026-11-25T01:00:00.000Z","generatorURL":"http://prometheus/graph"},
         {"labels":{"alertname":"DiskFull","instance":"db-2","severity":"critical"},
          "startsAt":"2026-11-25T01:00:05.000Z"}]
        """

    @Test func alertPostedToTheAPIArrivesAtTheWebhookOnce() async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }
        try await TocsinNode.with(configuration: Self.configuration(sinkPort: sink.port, path: "/ok")) { node in
            #expect(await node.waitUntilReady())
            let posted = await httpRequest(port: node.port, method: "POST", path: "/api/v2/alerts", body: Self.alerts, contentType: "application/json")
            #expect(posted?.status == 200)
            #expect(await eventually(within: .seconds(20)) { !sink.requests(path: "/ok").isEmpty })
            // group_interval later the group flushes again, and dedup against the nflog sends nothing new.
            try await Task.sleep(for: .seconds(3))
            let requests = sink.requests(path: "/ok")
            #expect(requests.count == 1)
            let body = try #require(requests.first?.body)
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
            #expect(payload["status"] as? String == "firing")
            #expect(payload["receiver"] as? String == "hook")
            #expect(payload["groupKey"] as? String == "{}:{alertname=\"DiskFull\"}")
            #expect((payload["alerts"] as? [Any])?.count == 2)
        }
    }

    @Test func webhookBodyMatchesAlertmanagers() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") else {
            print("skipping: prometheus-alertmanager is not installed")
            return
        }
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }

        try Self.configuration(sinkPort: sink.port, path: "/am").write(toFile: "\(scratch.path)/am.yml", atomically: false, encoding: .utf8)
        let amPort = try freeLoopbackPort()
        let alertmanager = try ChildProcess.spawn(
            executable: "/usr/bin/prometheus-alertmanager",
            arguments: [
                "--config.file=\(scratch.path)/am.yml", "--storage.path=\(scratch.path)/am-data",
                "--web.listen-address=127.0.0.1:\(amPort)", "--cluster.listen-address=", "--log.level=error",
                "--web.external-url=http://tocsin.example:9093",
            ],
            environment: [:]
        )
        defer { alertmanager.send(signal: SIGKILL) }
        #expect(await eventually(within: .seconds(20)) { await httpStatus(port: amPort, path: "/-/ready") == 200 })
        _ = await httpRequest(port: amPort, method: "POST", path: "/api/v2/alerts", body: Self.alerts, contentType: "application/json")

        try await TocsinNode.with(
            extraArguments: ["--web.external-url=http://tocsin.example:9093"],
            configuration: Self.configuration(sinkPort: sink.port, path: "/tocsin")
        ) { node in
            #expect(await node.waitUntilReady())
            _ = await httpRequest(port: node.port, method: "POST", path: "/api/v2/alerts", body: Self.alerts, contentType: "application/json")
            #expect(await eventually(within: .seconds(20)) {
                !sink.requests(path: "/am").isEmpty && !sink.requests(path: "/tocsin").isEmpty
            })
            // Both alerts started before group_wait, so the group flushes at once. Alertmanager's flush races
            // the rest of the same POST: its first notification may hold only db-1, and then the next flush
            // (group_interval later) sends both. Compare what each sent last, once that flush has passed.
            try await Task.sleep(for: .seconds(3))
        }
        let theirs = try #require(sink.requests(path: "/am").last?.body)
        let ours = try #require(sink.requests(path: "/tocsin").last?.body)
        #expect(ours == theirs)
    }
}
