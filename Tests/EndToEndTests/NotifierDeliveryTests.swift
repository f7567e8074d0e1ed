#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Logging
import SwiftProtobuf
import Supervisor
import Testing
import TocsinWire

/// tocsin-state and tocsin-notifier as real processes, a real Python webhook sink on 127.0.0.1, and
/// Deliver requests sent to the notifier's socket as the dispatcher sends them.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct NotifierDeliveryTests {
    @Test func deliversOnceThenDeduplicates() async throws {
        try await NotifierStack.with { stack in
            let answer = try await stack.deliver(receiver: "ok")
            #expect(answer.success, "\(answer.error)")
            let requests = stack.sink.requests(path: "/ok")
            #expect(requests.count == 1)
            let body = try #require(requests.first?.body)
            #expect(
                body.hasPrefix(
                    #"{"receiver":"ok","status":"firing","alerts":[{"status":"firing","labels":{"alertname":"DiskFull","instance":"db1"},"annotations":{"summary":"full"},"startsAt":"2026-11-24T01:00:00.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"#
                ))
            #expect(
                body.hasSuffix(
                    #""groupLabels":{"alertname":"DiskFull"},"commonLabels":{"alertname":"DiskFull","instance":"db1"},"commonAnnotations":{"summary":"full"},"externalURL":"http://tocsin.example:9093","version":"4","groupKey":"{}:{alertname=\"DiskFull\"}","truncatedAlerts":0}"#
                        + "\n"))
            #expect(requests.first?.userAgent == "Alertmanager/0.25.0")
            #expect(requests.first?.contentType == "application/json")

            let again = try await stack.deliver(receiver: "ok")
            #expect(again.success)
            #expect(stack.sink.requests(path: "/ok").count == 1, "the same job again must be deduplicated by the nflog")

            let metrics = try await stack.metrics()
            #expect(metrics.contains("alertmanager_notifications_total{integration=\"webhook\"} 1\n"))
            #expect(metrics.contains("alertmanager_notification_requests_total{integration=\"webhook\"} 1\n"))
        }
    }

    @Test func aWholeNodeExposesTheNotificationMetricsPreinitialised() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let text = await httpRequest(port: node.port, method: "GET", path: "/metrics")?.body ?? ""
            #expect(text.contains("# TYPE alertmanager_notification_latency_seconds histogram\n"))
            for integration in ["email", "webhook", "slack", "pagerduty"] {
                #expect(text.contains("alertmanager_notifications_total{integration=\"\(integration)\"} 0\n"))
                #expect(text.contains("alertmanager_notification_requests_failed_total{integration=\"\(integration)\"} 0\n"))
            }
        }
    }

    @Test func retriesA5xxUntilItSucceeds() async throws {
        try await NotifierStack.with { stack in
            let answer = try await stack.deliver(receiver: "flaky")
            #expect(answer.success, "\(answer.error)")
            let statuses = stack.sink.requests(path: "/flaky").map(\.status)
            #expect(statuses == [500, 500, 200])
        }
    }

    @Test func retriesStopAtTheJobsDeadline() async throws {
        try await NotifierStack.with { stack in
            let answer = try await stack.deliver(receiver: "down", within: 3)
            #expect(!answer.success)
            #expect(answer.error.hasPrefix("down/webhook[0]: notify retry canceled after "))
            #expect(answer.error.hasSuffix(" attempts: unexpected status code 502: http://127.0.0.1:\(stack.sink.port)/down: ok\n"))
            #expect(stack.sink.requests(path: "/down").count >= 3)
        }
    }

    @Test func a4xxIsNotRetried() async throws {
        try await NotifierStack.with { stack in
            let answer = try await stack.deliver(receiver: "reject")
            #expect(!answer.success)
            #expect(
                answer.error.contains(
                    "reject/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400"))
            #expect(stack.sink.requests(path: "/reject").count == 1)
            let metrics = try await stack.metrics()
            #expect(metrics.contains("alertmanager_notifications_failed_total{integration=\"webhook\"} 1\n"))
            #expect(metrics.contains("alertmanager_notification_requests_failed_total{integration=\"webhook\"} 1\n"))
        }
    }

    @Test func aReceiverThisNotifierDoesNotServeIsRefused() async throws {
        try await NotifierStack.with(served: "ok,flaky,reject,slow") { stack in
            do {
                _ = try await stack.deliver(receiver: "unserved")
                Issue.record("a job for a receiver not served was accepted")
            } catch WireClientError.failed(let code, let message) {
                #expect(code == .invalid)
                #expect(message == "this notifier does not serve receiver unserved")
            }
            #expect(stack.sink.requests(path: "/unserved").isEmpty)
        }
    }

    /// A burst of jobs to one host opens at most `--max-connections-per-host` connections; the others queue
    /// for a free one (and without a limit they all open at once: the control case).
    @Test(arguments: [2, 0]) func connectionsToOneHostAreBounded(limit: Int) async throws {
        try await NotifierStack.with(arguments: ["--max-connections-per-host=\(limit)"]) { stack in
            let answers = try await withThrowingTaskGroup(of: Tocsin_Notify_V1_Delivered.self) { group in
                for index in 0..<8 {
                    group.addTask { try await stack.deliver(receiver: "hold", groupKey: "{}:{burst=\"\(index)\"}") }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(answers.filter { !$0.success }.isEmpty, "\(answers.map(\.error))")
            let requests = stack.sink.requests(path: "/hold")
            #expect(requests.count == 8)
            let peak = requests.map(\.concurrent).max() ?? 0
            if limit > 0 {
                #expect(peak <= limit, "\(peak) requests were in flight at once")
            } else {
                #expect(peak > 2, "without a limit the burst should overlap (peak \(peak))")
            }
        }
    }

    @Test func aJobResentAfterTheNotifierIsKilledDeliversExactlyOnce() async throws {
        try await NotifierStack.with { stack in
            // The sink holds the first request; the notifier is killed while it waits for the answer.
            let first = Task { try await stack.deliver(receiver: "slow") }
            #expect(await eventually(within: .seconds(20)) { stack.sink.requests(path: "/slow").count == 1 })
            stack.notifier.send(signal: SIGKILL)
            _ = await stack.notifier.waitForExit(orKillAfter: .seconds(60))
            let interrupted = try? await first.value
            #expect(interrupted == nil || interrupted?.success == false, "a killed notifier must not have acknowledged the job")
            try stack.startNotifier()
            let resent = try await stack.deliver(receiver: "slow")
            #expect(resent.success, "\(resent.error)")
            let again = try await stack.deliver(receiver: "slow")
            #expect(again.success)
            let requests = stack.sink.requests(path: "/slow")
            #expect(requests.map(\.status) == [0, 200], "the held attempt, then exactly one delivery")
        }
    }
}

/// A webhook sink: answers by path (`/ok` 200, `/flaky` 500 twice then 200, `/reject` 400, `/down` 502, `/slow` holds
/// its first request for 30 s, `/hold` answers every request after 300 ms and logs how many were in flight then)
/// and logs every request as a JSON line before answering it, so a test that has the notifier's answer finds the
/// request logged.
let sinkScript = #"""
    import http.server, json, sys, threading, time
    log_path, port_path = sys.argv[1], sys.argv[2]
    lock = threading.Lock()
    counts = {}
    holding = [0]
    class Sink(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            with lock:
                counts[self.path] = counts.get(self.path, 0) + 1
                n = counts[self.path]
            status = {"/ok": 200, "/reject": 400, "/down": 502}.get(self.path, 200)
            if self.path == "/flaky" and n <= 2: status = 500
            concurrent = 0
            if self.path == "/hold":
                with lock:
                    holding[0] += 1
                time.sleep(0.3)
                with lock:
                    concurrent = holding[0]
                    holding[0] -= 1
            if self.path == "/slow" and n == 1:
                self.record(body, 0, 0)
                time.sleep(30)
                return
            self.record(body, status, concurrent)
            self.send_response(status)
            self.send_header("Content-Length", "3")
            self.end_headers()
            self.wfile.write(b"bad" if status == 400 else b"ok\n")
        def record(self, body, status, concurrent):
            entry = {"path": self.path, "status": status, "body": body, "at": time.time(), "concurrent": concurrent,
                     "ua": self.headers.get("User-Agent"), "ct": self.headers.get("Content-Type")}
            with lock, open(log_path, "a") as f:
                f.write(json.dumps(entry) + "\n")
        def log_message(self, *args): pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Sink)
    with open(port_path + ".tmp", "w") as f: f.write(str(server.server_address[1]))
    import os; os.rename(port_path + ".tmp", port_path)
    server.serve_forever()
    """#

/// The sink process and what it logged.
struct WebhookSink {
    struct Request {
        var path: String
        var status: Int
        var body: String
        var userAgent: String?
        var contentType: String?
        /// When the sink received it (seconds since 1970, the sink's clock).
        var receivedAt: Double = 0
        /// For `/hold`: how many `/hold` requests the sink held at once when this one had waited.
        var concurrent = 0
    }

    let process: ChildProcess
    let port: Int
    let logPath: String

    static func start(in directory: String) async throws -> WebhookSink {
        let script = "\(directory)/sink.py"
        try sinkScript.write(toFile: script, atomically: false, encoding: .utf8)
        let portPath = "\(directory)/sink.port"
        let process = try ChildProcess.spawn(
            executable: "/usr/bin/env", arguments: ["python3", script, "\(directory)/sink.log", portPath], environment: [:])
        #expect(await eventually(within: .seconds(20)) { FileManager.default.fileExists(atPath: portPath) })
        let port = Int(try String(contentsOfFile: portPath, encoding: .utf8)) ?? 0
        return WebhookSink(process: process, port: port, logPath: "\(directory)/sink.log")
    }

    /// The logged requests to `path`, in order; the held `/slow` request is logged with status 0.
    func requests(path: String) -> [Request] {
        guard let text = try? String(contentsOfFile: self.logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return Request(
                path: object["path"] as? String ?? "", status: object["status"] as? Int ?? -1, body: object["body"] as? String ?? "",
                userAgent: object["ua"] as? String, contentType: object["ct"] as? String, receivedAt: object["at"] as? Double ?? 0,
                concurrent: object["concurrent"] as? Int ?? 0)
        }.filter { $0.path == path }
    }
}

/// tocsin-state, tocsin-notifier and the sink in a scratch directory.
private final class NotifierStack: @unchecked Sendable {
    // Mutated only by the test's own task (the restart), never concurrently.
    let scratch: ScratchDirectory
    let sink: WebhookSink
    let state: ChildProcess
    var notifier: ChildProcess
    let served: String
    let arguments: [String]
    var client: WireClient
    var clientTask: Task<Void, any Error>

    private init(
        scratch: ScratchDirectory, sink: WebhookSink, state: ChildProcess, notifier: ChildProcess, served: String, arguments: [String]
    ) {
        self.scratch = scratch
        self.sink = sink
        self.state = state
        self.notifier = notifier
        self.served = served
        self.arguments = arguments
        (self.client, self.clientTask) = Self.connect(scratch.path)
    }

    var storage: String { "\(self.scratch.path)/data" }

    static func with(served: String = "", arguments: [String] = [], _ body: (NotifierStack) async throws -> Void) async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        let config = """
            route:
              receiver: ok
            receivers:
            \(["ok", "flaky", "reject", "slow", "down", "hold", "unserved"].map { "- name: \($0)\n  webhook_configs:\n  - url: http://127.0.0.1:\(sink.port)/\($0)" }.joined(separator: "\n"))
            """
        try config.write(toFile: "\(scratch.path)/alertmanager.yml", atomically: false, encoding: .utf8)
        let state = try ChildProcess.spawn(
            executable: BuiltExecutables.path("tocsin-state"), arguments: ["--storage.path=\(scratch.path)/data", "--log.level=warn"],
            environment: [:])
        let notifier = try Self.spawnNotifier(scratch.path, served: served, arguments: arguments)
        let stack = NotifierStack(scratch: scratch, sink: sink, state: state, notifier: notifier, served: served, arguments: arguments)
        do {
            try await stack.client.waitUntilConnected(timeout: .seconds(30))
            try await body(stack)
        } catch {
            await stack.stop()
            throw error
        }
        await stack.stop()
    }

    static func spawnNotifier(_ scratch: String, served: String, arguments: [String]) throws -> ChildProcess {
        try ChildProcess.spawn(
            executable: BuiltExecutables.path("tocsin-notifier"),
            arguments: [
                "--storage.path=\(scratch)/data", "--config.file=\(scratch)/alertmanager.yml", "--cluster.listen-address=",
                "--receivers=\(served)", "--web.external-url=http://tocsin.example:9093", "--log.level=warn",
            ] + arguments,
            environment: [:])
    }

    static func connect(_ scratch: String) -> (WireClient, Task<Void, any Error>) {
        let client = WireClient(
            configuration: .init(socketPath: "\(scratch)/data/run/notifier-0.sock", role: .dispatcher),
            logger: Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() }))
        return (client, Task { try await client.run() })
    }

    func startNotifier() throws {
        self.notifier = try Self.spawnNotifier(self.scratch.path, served: self.served, arguments: self.arguments)
    }

    /// Sends the test's one job (a firing DiskFull alert) for `receiver` and waits for the answer.
    func deliver(receiver: String, groupKey: String = #"{}:{alertname="DiskFull"}"#, within deadline: TimeInterval = 60) async throws
        -> Tocsin_Notify_V1_Delivered
    {
        var alert = Tocsin_State_V1_StoredAlert()
        alert.labels = [("alertname", "DiskFull"), ("instance", "db1")].map { pair in
            var label = Tocsin_State_V1_Label()
            label.name = pair.0
            label.value = pair.1
            return label
        }
        var summary = Tocsin_State_V1_Label()
        summary.name = "summary"
        summary.value = "full"
        alert.annotations = [summary]
        alert.startsAt = Google_Protobuf_Timestamp(seconds: 1_795_482_000, nanos: 123_456_789)
        alert.generatorURL = "http://prom/graph"
        var deliver = Tocsin_Notify_V1_Deliver()
        deliver.jobID = "job-\(receiver)-\(groupKey)"
        deliver.receiver = receiver
        deliver.groupKey = groupKey
        var group = Tocsin_State_V1_Label()
        group.name = "alertname"
        group.value = "DiskFull"
        deliver.groupLabels = [group]
        deliver.alerts = [alert]
        deliver.repeatIntervalMilliseconds = 4 * 3_600_000
        deliver.deadline = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(deadline))
        var request = Tocsin_Notify_V1_NotifierRequest()
        request.deliver = deliver
        let answer = try await self.client.request(.notifier(request), timeout: .seconds(90))
        guard case .notifier(let response) = answer, case .delivered(let delivered) = response.body else {
            throw WireClientError.connectionLost("unexpected answer \(answer)")
        }
        return delivered
    }

    func metrics() async throws -> String {
        guard case .metrics(let metrics) = try await self.client.request(.metrics(WireMetricsQuery()), timeout: .seconds(10)) else {
            return ""
        }
        return metrics.text
    }

    func stop() async {
        self.clientTask.cancel()
        _ = try? await self.clientTask.value
        for process in [self.notifier, self.state, self.sink.process] {
            process.send(signal: SIGKILL)
            _ = await process.waitForExit(orKillAfter: .seconds(60))
        }
    }
}
