#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor

/// What real Alertmanager 0.25 sent for `TemplateOracleCorpus`: started once per test process by
/// Fixtures/template-oracle.py, which runs it on 127.0.0.1 with a Slack sink and an SMTP sink.
struct TemplateOracleCapture: Sendable {
    /// Slack attachment texts by case id, then by group (`alertname`).
    var slack: [String: [String: String]] = [:]
    /// HTML parts of mails by case id, then by group.
    var mails: [String: [String: String]] = [:]
    /// Template errors Alertmanager logged, by case id, then by group.
    var errors: [String: [String: String]] = [:]
    /// The end of Alertmanager's log, for failure messages.
    var log = ""
}

enum AlertmanagerTemplateOracle {
    static let executable = "/usr/bin/prometheus-alertmanager"
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: executable) && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")
    }

    /// The one capture every test of the suite compares with: Alertmanager runs once.
    static let capture = Task<TemplateOracleCapture, any Error> { try await run() }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Bounds the whole run: the script gives up after 25 s, and is killed with everything it started
    /// (its process group) after 45 s.
    private static func run() async throws -> TemplateOracleCapture {
        let directory = NSTemporaryDirectory() + "template-oracle-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cases = TemplateOracleCorpus.cases
        let slackCases = cases.filter { if case .slack = $0.channel { true } else { false } }
        let mailCases = cases.filter { if case .emailHTML = $0.channel { true } else { false } }
        let phases = TemplateOracleCorpus.phases.indices.map { phase in
            let groups = TemplateOracleCorpus.groups.values.filter { $0.phase == phase }
            return [
                "alerts": TemplateOracleCorpus.posted(TemplateOracleCorpus.phases[phase]),
                "expect_slack": slackCases.filter { !$0.fails }.count * groups.count,
                "expect_mails": mailCases.count * groups.count,
                // One "Notify for alerts failed" line per group, listing every failed integration.
                "expect_errors": slackCases.contains { $0.fails }
                    ? groups.filter { TemplateOracleCorpus.hasFiring($0.alerts) }.map(\.alerts.count) : [],
            ] as [String: Any]
        }
        let input: [String: Any] = [
            "config": TemplateOracleCorpus.config,
            "phases": phases,
            "templates": ["user.tmpl": TemplateOracleCorpus.userTemplates],
            "external_url": TemplateOracleCorpus.externalURL,
            "deadline": 25,
            "smtp": true,
        ]
        try JSONSerialization.data(withJSONObject: input).write(to: URL(fileURLWithPath: "\(directory)/input.json"))
        guard let script = Bundle.module.url(forResource: "Fixtures/template-oracle", withExtension: "py") else {
            throw Failure(description: "Fixtures/template-oracle.py is not in the test bundle")
        }
        let outputPath = "\(directory)/output.json"
        let process = try ChildProcess.spawn(
            executable: "/usr/bin/env", arguments: ["python3", script.path, "\(directory)/input.json", outputPath], environment: [:])
        // The script runs in its own process group with Alertmanager: kill both on every path.
        defer { if process.exitStatus == nil { kill(-process.pid, SIGKILL) } }
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                _ = await process.waitForExit()
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(45))
                return false
            }
            let first = await group.next() ?? false
            if !first { kill(-process.pid, SIGKILL) }
            group.cancelAll()
            return first
        }
        guard finished else { throw Failure(description: "template-oracle.py did not finish within 45 s") }
        guard let data = FileManager.default.contents(atPath: outputPath),
            let output = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw Failure(description: "template-oracle.py wrote no output: \(process.lastErrorLine ?? "")")
        }
        var capture = TemplateOracleCapture()
        capture.log = output["log"] as? String ?? ""
        for record in output["slack"] as? [[String: Any]] ?? [] {
            guard let body = record["body"] as? [String: Any], let phase = record["phase"] as? Int,
                let id = body["channel"] as? String, let name = body["username"] as? String
            else { continue }
            let group = "\(name)@\(phase)"
            let attachment = (body["attachments"] as? [[String: Any]])?.first
            capture.slack[id, default: [:]][group] = attachment?["text"] as? String ?? ""
        }
        for mail in output["mails"] as? [[String: Any]] ?? [] {
            guard let id = mail["case"] as? String, let name = mail["subject"] as? String, let phase = mail["phase"] as? Int
            else { continue }
            let group = "\(name)@\(phase)"
            capture.mails[id, default: [:]][group] = mail["html"] as? String ?? ""
        }
        // "<receiver>/slack[N]: notify retry canceled ... after 1 attempts: <error>", joined by "; ".
        for entry in output["errors"] as? [[String: Any]] ?? [] {
            // The line names no group; the groups of a phase differ in their number of alerts.
            guard let line = entry["err"] as? String, let count = entry["num_alerts"] as? Int,
                let phase = entry["phase"] as? Int,
                let group = TemplateOracleCorpus.groups.first(where: { $0.value.phase == phase && $0.value.alerts.count == count })?
                    .key
            else { continue }
            for part in line.components(separatedBy: "; \(TemplateOracleCorpus.receiver)/").enumerated() {
                let text = part.offset == 0 ? part.element : "\(TemplateOracleCorpus.receiver)/" + part.element
                guard let open = text.range(of: "/slack["), let close = text.range(of: "]", range: open.upperBound..<text.endIndex),
                    let index = Int(text[open.upperBound..<close.lowerBound]), index < slackCases.count,
                    let colon = text.range(of: "attempts: ")
                else { continue }
                capture.errors[slackCases[index].id, default: [:]][group] = String(text[colon.upperBound...])
            }
        }
        return capture
    }
}
