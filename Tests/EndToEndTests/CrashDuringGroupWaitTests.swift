#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// `kill -9` of the dispatcher or of the state store while a group waits for its first flush: the supervisor
/// restarts the killed process, and the notification still arrives, exactly once (issue 6). The dispatcher
/// restores the alert it acknowledged from the state store; the state store replays its log.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct CrashDuringGroupWaitTests {
    static func configuration(sinkPort: Int) -> String {
        """
        route:
          receiver: hook
          group_by: ['alertname']
          group_wait: 3s
          group_interval: 1m
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:\(sinkPort)/ok
        """
    }

    @Test(arguments: ["tocsin-dispatcher", "tocsin-state"])
    func theNotificationArrivesOnceWhenKilledDuringGroupWait(_ daemon: String) async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }
        try await TocsinNode.with(configuration: Self.configuration(sinkPort: sink.port)) { node in
            #expect(await node.waitUntilReady())
            let alert = #"[{"labels":{"alertname":"CrashTest","instance":"a"}}]"#
            let posted = await httpRequest(
                port: node.port, method: "POST", path: "/api/v2/alerts", body: alert, contentType: "application/json")
            #expect(posted?.status == 200)

            let victim = try #require(
                ProcessTable.processes(mentioning: node.scratch.path).first { $0.executableName == daemon }, "\(daemon) is not running")
            Glibc.kill(victim.pid, SIGKILL)
            // The supervisor restarts it; the stack is ready again well within the group's wait.
            #expect(
                await eventually(within: .seconds(30)) {
                    ProcessTable.processes(mentioning: node.scratch.path).contains { $0.executableName == daemon && $0.pid != victim.pid }
                })

            #expect(await eventually(within: .seconds(30)) { !sink.requests(path: "/ok").isEmpty }, "no notification after the restart")
            // Anything sent twice would arrive within a few seconds of the first (the same flush resent).
            try await Task.sleep(for: .seconds(4))
            let requests = sink.requests(path: "/ok")
            #expect(requests.count == 1, "\(requests.count) notifications for one alert")
            let payload = try #require(try JSONSerialization.jsonObject(with: Data((requests.first?.body ?? "").utf8)) as? [String: Any])
            #expect(payload["groupKey"] as? String == "{}:{alertname=\"CrashTest\"}")
            #expect((payload["alerts"] as? [[String: Any]])?.first?["status"] as? String == "firing")
        }
    }
}
