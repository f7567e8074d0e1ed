#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// Runs `deploy/supervisord/tocsin.conf` for real: supervisord starts the built daemons, the node
/// becomes ready, a SIGKILLed dispatcher is brought back, and SIGTERM leaves no process behind.
@Suite("supervisord stack", .serialized, .timeLimit(.minutes(3)))
struct SupervisordStackTests {
    static let supervisord = DeployPaths.executableOnPath("supervisord")

    @Test(
        "supervisord runs a ready node, restarts a killed dispatcher and stops every daemon",
        .enabled(if: supervisord != nil, "supervisord is not installed (Debian package supervisor)")
    )
    func runsRestartsAndStops() async throws {
        let supervisord = try #require(Self.supervisord)
        for daemon in DeployPaths.daemons {
            try #require(
                FileManager.default.isExecutableFile(atPath: BuiltExecutables.path(daemon)),
                "\(daemon) is not built in \(BuiltExecutables.directory) (set TOCSIN_BIN_DIR)"
            )
        }
        let webPort = try freeLoopbackPort()
        let clusterPort = try freeLoopbackPort()
        let scratch = try ScratchDirectory()
        // The storage path is on every daemon's command line: it tells this run's processes from any other.
        let storage = "\(scratch.path)/data"
        try FileManager.default.createDirectory(atPath: storage, withIntermediateDirectories: true)
        let config = "\(scratch.path)/alertmanager.yml"
        try TocsinNode.configuration.write(toFile: config, atomically: false, encoding: .utf8)

        // supervisord writes its own log and the daemons' output to our standard output.
        let process = try ChildProcess.spawn(
            executable: supervisord.path,
            arguments: ["-n", "-c", DeployPaths.deploy.appendingPathComponent("supervisord/tocsin.conf").path],
            environment: [
                "TOCSIN_BIN_DIR": BuiltExecutables.directory,
                "TOCSIN_STORAGE_PATH": storage,
                "TOCSIN_CONFIG_FILE": config,
                "TOCSIN_WEB_LISTEN_ADDRESS": "127.0.0.1:\(webPort)",
                "TOCSIN_CLUSTER_LISTEN_ADDRESS": "127.0.0.1:\(clusterPort)",
            ]
        )
        defer {
            Self.stopForGood(process, storage: storage)
            withExtendedLifetime(scratch) {}
        }

        #expect(await Self.waitUntilReady(port: webPort), "the node was not ready within 60 s")
        let daemons = ProcessTable.processes(mentioning: storage)
        #expect(Set(daemons.map(\.executableName)) == Set(DeployPaths.daemons))

        let dispatcher = try #require(daemons.first { $0.executableName == "tocsin-dispatcher" })
        #expect(kill(dispatcher.pid, SIGKILL) == 0)
        let replaced = await eventually(within: .seconds(30)) {
            ProcessTable.processes(mentioning: storage)
                .contains { $0.executableName == "tocsin-dispatcher" && $0.pid != dispatcher.pid }
        }
        #expect(replaced, "supervisord did not restart the killed dispatcher")
        #expect(await Self.waitUntilReady(port: webPort), "the node was not ready again within 60 s of the restart")

        process.send(signal: SIGTERM)
        #expect(await eventually(within: .seconds(45)) { process.exitStatus != nil }, "supervisord did not exit on SIGTERM")
        #expect(process.exitStatus == .exited(code: 0))
        let gone = await eventually(within: .seconds(5)) { ProcessTable.processes(mentioning: storage).isEmpty }
        #expect(gone, "still running: \(ProcessTable.processes(mentioning: storage).map(\.arguments))")
        #expect(await httpStatus(port: webPort, path: "/-/healthy") == nil)
    }

    /// Polls `/-/ready` until it answers 200, for at most 60 seconds (the node settles its cluster first).
    static func waitUntilReady(port: Int) async -> Bool {
        await eventually(within: .seconds(60)) { await httpStatus(port: port, path: "/-/ready") == 200 }
    }

    /// Whatever happened to the test, leaves no supervisord and no daemon of this run behind: SIGTERM
    /// first (bounded by the config's stop timeouts), then SIGKILL for anything still running.
    static func stopForGood(_ process: ChildProcess, storage: String) {
        process.send(signal: SIGTERM)
        let deadline = ContinuousClock.now + .seconds(40)
        while process.exitStatus == nil && ContinuousClock.now < deadline { usleep(50_000) }
        process.send(signal: SIGKILL)
        for entry in ProcessTable.processes(mentioning: storage) {
            kill(entry.pid, SIGKILL)
        }
    }
}
