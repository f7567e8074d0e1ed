#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing
import TestSupport

/// Configuration through the real processes: reload as Alertmanager does it, a broken file at start,
/// and the offline commands compared with amtool.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct ConfigurationTests {
    @Test func reloadKeepsTheOldConfigurationWhenTheNewOneIsBroken() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())

            let good = await httpRequest(port: node.port, method: "POST", path: "/-/reload")
            #expect(good?.status == 200 && good?.body == "")

            try (TocsinNode.configuration + "\nbogus: 1\n").write(toFile: node.configPath, atomically: false, encoding: .utf8)
            let bad = await httpRequest(port: node.port, method: "POST", path: "/-/reload")
            #expect(bad?.status == 500)
            let message = bad?.body ?? ""
            #expect(message.hasPrefix("failed to reload config: yaml: unmarshal errors:\n  line "))
            #expect(message.hasSuffix(": field bogus not found in type config.plain\n"))

            // SIGHUP with the broken file changes nothing either: every process stays up.
            let before = childProcesses(of: node.process.pid)
            node.process.send(signal: SIGHUP)
            try await Task.sleep(for: .milliseconds(500))
            #expect(childProcesses(of: node.process.pid) == before)
            #expect(await node.readyStatus == 200)
            #expect(await httpRequest(port: node.port, method: "GET", path: "/-/reload")?.status == 405)

            node.process.send(signal: SIGTERM)
            #expect(await node.process.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 0))
        }
    }

    @Test func brokenConfigurationAtStartStopsTheNodeWithTheReason() async throws {
        let scratch = try ScratchDirectory()
        let config = "\(scratch.path)/broken.yml"
        try "route:\n  receiver: nowhere\nreceivers:\n  - name: default\n".write(toFile: config, atomically: false, encoding: .utf8)
        let process = try ChildProcess.spawn(
            executable: BuiltExecutables.path("tocsin"),
            arguments: [
                "--config.file=\(config)", "--storage.path=\(scratch.path)/data",
                "--web.listen-address=127.0.0.1:\(try freeLoopbackPort())", "--cluster.listen-address=",
            ],
            environment: [:]
        )
        #expect(await process.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 1))
        let report = process.lastErrorLine ?? ""
        #expect(report.contains("dispatcher exited before it was ready"))
        #expect(report.contains("undefined receiver") && report.contains("nowhere") && report.contains("used in route"))
    }

    @Test func offlineCommandsPrintWhatAmtoolPrints() async throws {
        let scratch = try ScratchDirectory()
        let config = "\(scratch.path)/alertmanager.yml"
        try TocsinNode.configuration.write(toFile: config, atomically: false, encoding: .utf8)
        let checked = try await run(BuiltExecutables.path("tocsin"), ["check-config", config])
        #expect(checked.status == 0)
        #expect(checked.output.hasPrefix("Checking '\(config)'  SUCCESS\n"))
        let routed = try await run(BuiltExecutables.path("tocsin"), ["routes", "test", "--config.file=\(config)", "alertname=x"])
        #expect(routed.output == "default\n")

        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/amtool") else {
            print("skipping the amtool comparison: amtool is not installed")
            return
        }
        let amtool = try await run("/usr/bin/amtool", ["check-config", config])
        #expect(amtool.output == checked.output && amtool.status == checked.status)
    }
}

/// Runs a command to completion (bounded) and returns its exit status and standard output.
private func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
    let result = try await TestCommand.run(executable, arguments)
    return (result.status, result.standardOutput)
}
