#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Logging
import SwiftProtobuf
import Supervisor
import Testing
import TocsinWire

/// `/metrics` of a real node: the families Alertmanager 0.25 exposes for silences, the nflog and the
/// configuration are there with the same names and types, and they follow the state.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct MetricsTests {
    @Test func stateMetricsAreGatheredOnTheDispatchersMetrics() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let client = WireClient(
                configuration: .init(socketPath: "\(node.scratch.path)/data/run/state.sock", role: .tool),
                logger: Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            let connection = Task { try await client.run() }
            defer { connection.cancel() }
            var matcher = Silencepb_Matcher()
            matcher.name = "alertname"
            matcher.pattern = "metrics"
            var silence = Silencepb_Silence()
            silence.matchers = [matcher]
            silence.startsAt = Google_Protobuf_Timestamp(date: Date())
            silence.endsAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(600))
            silence.createdBy = "e2e"
            var set = Tocsin_State_V1_SetSilence()
            set.silence = silence
            var request = Tocsin_State_V1_StateRequest()
            request.body = .setSilence(set)
            _ = try await client.request(.state(request))

            let metrics = await httpRequest(port: node.port, method: "GET", path: "/metrics")
            #expect(metrics?.status == 200)
            let text = metrics?.body ?? ""
            #expect(text.contains("alertmanager_silences{state=\"active\"} 1\n"))
            #expect(text.contains("alertmanager_config_last_reload_successful 1\n"))
            #expect(text.contains("alertmanager_cluster_enabled 1\n"))
        }
    }

    @Test func metricFamiliesMatchAlertmanagers() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager") else {
            print("skipping: prometheus-alertmanager is not installed")
            return
        }
        let ours = try await TocsinNode.with { node -> String in
            #expect(await node.waitUntilReady())
            return await httpRequest(port: node.port, method: "GET", path: "/metrics")?.body ?? ""
        }
        let scratch = try ScratchDirectory()
        try TocsinNode.configuration.write(toFile: "\(scratch.path)/am.yml", atomically: false, encoding: .utf8)
        let port = try freeLoopbackPort()
        let alertmanager = try ChildProcess.spawn(
            executable: "/usr/bin/prometheus-alertmanager",
            arguments: [
                "--config.file=\(scratch.path)/am.yml", "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--cluster.listen-address=", "--log.level=error",
            ],
            environment: [:]
        )
        defer { alertmanager.send(signal: SIGKILL) }
        #expect(await eventually(within: .seconds(20)) { await httpStatus(port: port, path: "/-/ready") == 200 })
        let theirs = await httpRequest(port: port, method: "GET", path: "/metrics")?.body ?? ""

        func families(_ text: String) -> Set<String> {
            Set(
                text.split(separator: "\n").filter { $0.hasPrefix("# TYPE alertmanager_") }.map(String.init).filter { line in
                    [
                        "silences", "nflog", "config_last_reload", "config_hash", "cluster_enabled", "build_info", "alerts",
                        "marked_alerts", "dispatcher_", "receivers", "integrations", "http_",
                    ].contains { line.contains("alertmanager_\($0)") }
                }
            )
        }
        let expected = families(theirs)
        #expect(!expected.isEmpty)
        #expect(
            families(ours) == expected, "missing: \(expected.subtracting(families(ours))), extra: \(families(ours).subtracting(expected))")
        // The same file gives the same hash, so a fleet dashboard comparing config hashes sees one value.
        func hash(_ text: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix("alertmanager_config_hash ") }.map(String.init)
        }
        #expect(hash(ours) != nil && hash(ours) == hash(theirs))
    }
}
