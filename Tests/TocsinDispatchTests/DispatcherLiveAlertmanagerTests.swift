import Foundation
import Testing
import TestSupport
import TocsinConfig
import TocsinDispatch
import TocsinModel

/// Differential tests against the oracle: real Alertmanager 0.25 on loopback, its webhook pointing at a small
/// Python sink, receives a scripted sequence of alert POSTs, silences and reloads; the dispatcher, driven through
/// the same sequence on a manual clock (with the notifier's dedup modelled by `DispatcherHarness`), must deliver
/// the same batches at the same ticks (±0.3s). Skipped when `prometheus-alertmanager` or `python3` is missing.
@Suite(
    .enabled(
        if: FileManager.default.isExecutableFile(atPath: "/usr/bin/prometheus-alertmanager")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
        "needs prometheus-alertmanager and python3"))
struct DispatcherLiveAlertmanagerTests {
    typealias PostedAlert = (labels: [String: String], start: Double, end: Double?)

    enum Step {
        case alerts([PostedAlert])
        /// A silence with one equality matcher `alertname=<name>`.
        case silence(alertname: String, start: Double, end: Double)
        case reload
    }

    struct Scenario {
        var config: String
        var steps: [(at: Double, step: Step)]
        var until: Double
    }

    struct Batch: Equatable, CustomStringConvertible {
        var time: Double
        var groupKey: String
        var alerts: [String]

        var description: String { String(format: "%.2f ", time) + groupKey + " " + alerts.joined(separator: " ") }
    }

    static let script = #"""
        import json, os, signal, socket, subprocess, sys, tempfile, threading, time, urllib.request
        from datetime import datetime, timezone
        from http.server import BaseHTTPRequestHandler, HTTPServer

        scenario = json.loads(sys.argv[1])
        received = []

        class Sink(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append((time.time(), json.loads(body)))
                self.send_response(200)
                self.end_headers()
            def log_message(self, *args):
                pass

        sink = HTTPServer(("127.0.0.1", 0), Sink)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        probe = socket.socket(); probe.bind(("127.0.0.1", 0)); am_port = probe.getsockname()[1]; probe.close()
        work = tempfile.mkdtemp()
        with open(os.path.join(work, "am.yml"), "w") as f:
            f.write(scenario["config"].replace("SINK_URL", "http://127.0.0.1:%d/" % sink.server_address[1]))
        am = subprocess.Popen(["prometheus-alertmanager", "--config.file=" + os.path.join(work, "am.yml"),
            "--storage.path=" + work, "--web.listen-address=127.0.0.1:%d" % am_port, "--cluster.listen-address="],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = "http://127.0.0.1:%d" % am_port
            for _ in range(100):
                try:
                    urllib.request.urlopen(base + "/-/ready", timeout=1); break
                except Exception:
                    time.sleep(0.1)
            def iso(offset):
                return datetime.fromtimestamp(t0 + offset, timezone.utc).isoformat().replace("+00:00", "Z")
            t0 = time.time()
            def post(path, body):
                request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                    headers={"Content-Type": "application/json"})
                urllib.request.urlopen(request, timeout=5)
            for step in scenario["steps"]:
                time.sleep(max(0, t0 + step["at"] - time.time()))
                if step["kind"] == "reload":
                    am.send_signal(signal.SIGHUP)
                elif step["kind"] == "silence":
                    post("/api/v2/silences", {"matchers": step["matchers"], "startsAt": iso(step["start"]),
                        "endsAt": iso(step["end"]), "createdBy": "test", "comment": "test"})
                else:
                    alerts = []
                    for a in step["alerts"]:
                        alert = {"labels": a["labels"], "startsAt": iso(a["start"])}
                        if "end" in a:
                            alert["endsAt"] = iso(a["end"])
                        alerts.append(alert)
                    post("/api/v2/alerts", alerts)
            time.sleep(max(0, t0 + scenario["until"] - time.time()))
        finally:
            am.terminate()
            try:
                am.wait(5)
            except subprocess.TimeoutExpired:
                am.kill()
            sink.shutdown()

        def offset(text):
            if text.startswith("0001-01-01"):
                return None
            return round(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() - t0, 2) + 0.0

        def name(labels):
            return labels["alertname"] + "".join("/" + labels[n] for n in ("zone", "lbl") if n in labels)

        print(json.dumps([{"time": round(at - t0, 3), "groupKey": body["groupKey"],
            "alerts": sorted("%s(%g%s)" % (name(a["labels"]), offset(a["startsAt"]),
                "" if offset(a["endsAt"]) is None else ",%g" % offset(a["endsAt"])) for a in body["alerts"])}
            for at, body in received]))
        """#

    func runAlertmanager(_ scenario: Scenario) async throws -> [Batch] {
        let steps = scenario.steps.map { at, step -> [String: Any] in
            switch step {
            case .alerts(let alerts):
                let encoded = alerts.map { alert -> [String: Any] in
                    var fields: [String: Any] = ["labels": alert.labels, "start": alert.start]
                    if let end = alert.end { fields["end"] = end }
                    return fields
                }
                return ["at": at, "kind": "alerts", "alerts": encoded]
            case .silence(let alertname, let start, let end):
                let matcher: [String: Any] = ["name": "alertname", "value": alertname, "isRegex": false, "isEqual": true]
                return ["at": at, "kind": "silence", "matchers": [matcher], "start": start, "end": end]
            case .reload:
                return ["at": at, "kind": "reload"]
            }
        }
        let json: [String: Any] = ["config": scenario.config, "until": scenario.until, "steps": steps]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-diff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("am_differential.py")
        try Self.script.write(to: scriptURL, atomically: false, encoding: .utf8)
        let result: TestCommand.Result
        do {
            result = try await TestCommand.run(
                "python3", [scriptURL.path, String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)],
                timeout: .seconds(scenario.until + 40))
        } catch let error as TestProcessError {
            Issue.record("the Alertmanager driver did not finish: \(error)")
            return []
        }
        let data = Data(result.standardOutput.utf8)
        let decoded = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return decoded.map { entry in
            Batch(
                time: entry["time"] as? Double ?? -1, groupKey: entry["groupKey"] as? String ?? "",
                alerts: entry["alerts"] as? [String] ?? [])
        }
    }

    func runDispatcher(_ scenario: Scenario) throws -> [Batch] {
        let config = try loadConfig(scenario.config.replacingOccurrences(of: "SINK_URL", with: "http://127.0.0.1:9/"))
        var harness = try DispatcherHarness(scenario.config.replacingOccurrences(of: "SINK_URL", with: "http://127.0.0.1:9/"))
        var silences: [Silence] = []
        for (time, step) in scenario.steps {
            harness.run(until: time)
            switch step {
            case .alerts(let alerts):
                for alert in alerts {
                    try harness.dispatcher.ingest(posted(alert.labels, start: alert.start, end: alert.end), at: at(time))
                }
            case .silence(let alertname, let start, let end):
                // Alertmanager starts a new silence no earlier than now.
                silences.append(
                    Silence(
                        id: "s\(silences.count)", matchers: try Matchers(parsing: "{alertname=\"\(alertname)\"}"),
                        startsAt: at(max(start, time)), endsAt: at(end), updatedAt: at(time), createdBy: "test", comment: ""))
                harness.dispatcher.silences = SilenceList(silences)
            case .reload:
                harness.dispatcher.reload(config, at: at(time))
            }
        }
        harness.run(until: scenario.until)
        return harness.sent.map { delivery in
            Batch(
                time: delivery.time, groupKey: delivery.job.groupKey.rawValue,
                alerts: delivery.job.alerts.map(DispatcherHarness.describe).sorted())
        }
    }

    func compare(_ scenario: Scenario, expectedBatches: Int) async throws {
        // The real Alertmanager runs the script on the wall clock: on a loaded machine a step can land a
        // tick late and add a batch the script does not mean. Run it again (at most three times) until it
        // produces the scripted number of batches; the comparison below is unchanged.
        var expected = try await runAlertmanager(scenario)
        for _ in 0..<2 where expected.count != expectedBatches {
            expected = try await runAlertmanager(scenario)
        }
        let actual = try runDispatcher(scenario)
        #expect(expected.count == expectedBatches, "Alertmanager sent \(expected)")
        #expect(actual.map(\.groupKey) == expected.map(\.groupKey), "ours \(actual) theirs \(expected)")
        #expect(actual.map(\.alerts) == expected.map(\.alerts), "ours \(actual) theirs \(expected)")
        for (ours, theirs) in zip(actual, expected) {
            #expect(abs(ours.time - theirs.time) < 0.3, "ours \(ours) theirs \(theirs)")
        }
    }

    @Test func groupWaitIntervalsOldAlertsAndResolution() async throws {
        let scenario = Scenario(
            config: """
                route:
                  receiver: hook
                  group_by: [group]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                - name: hook
                  webhook_configs:
                  - url: SINK_URL
                    send_resolved: true
                """,
            steps: [
                (
                    0,
                    .alerts([
                        (["alertname": "A1", "group": "g1"], 0, nil), (["alertname": "A2", "group": "g1"], 0, nil),
                        (["alertname": "B1", "group": "g2"], -60, nil),
                    ])
                ),
                (1.5, .alerts([(["alertname": "A3", "group": "g1"], 1.5, nil)])),
                (2.5, .alerts([(["alertname": "A1", "group": "g1"], 0, 2.5)])),
                (4.5, .alerts([(["alertname": "B2", "group": "g2"], 4.5, nil)])),
                (5.5, .alerts([(["alertname": "A2", "group": "g1"], 0, 5.5)])),
                (6.5, .alerts([(["alertname": "C1", "group": "g3"], 6.5, nil), (["alertname": "C2", "group": "g3"], 6.5, 6.5)])),
            ],
            until: 10)
        try await compare(scenario, expectedBatches: 6)
    }

    @Test func inhibitionSilenceAndReload() async throws {
        let scenario = Scenario(
            config: """
                route:
                  receiver: hook
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                receivers:
                - name: hook
                  webhook_configs:
                  - url: SINK_URL
                    send_resolved: true
                inhibit_rules:
                - source_matchers: [alertname=JobDown]
                  target_matchers: [alertname=InstanceDown]
                  equal: [zone]
                """,
            steps: [
                (
                    0,
                    .alerts([
                        (["alertname": "InstanceDown", "zone": "a"], 0, nil), (["alertname": "InstanceDown", "zone": "b"], 0, nil),
                        (["alertname": "Other", "zone": "a"], 0, nil),
                    ])
                ),
                (1.5, .alerts([(["alertname": "JobDown", "zone": "a"], 1.5, nil)])),
                (3.5, .silence(alertname: "Other", start: 3.5, end: 6.5)),
                (5.5, .reload),
                (6, .alerts([(["alertname": "JobDown", "zone": "a"], 1.5, 6)])),
            ],
            until: 9)
        try await compare(scenario, expectedBatches: 3)
    }
}
