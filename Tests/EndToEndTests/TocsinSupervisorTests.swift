#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Supervisor
import Testing

/// Starts the real `tocsin` and its daemons and checks the node-level promises: readiness, healing,
/// orderly stop, start-up failures.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TocsinSupervisorTests {
    @Test func nodeBecomesReadyAndStopsInOrderOnSIGTERM() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            #expect(await httpStatus(port: node.port, path: "/-/healthy") == 200)
            let children = childProcesses(of: node.process.pid)
            #expect(Set(children.keys) == ["tocsin-state", "tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier"])

            let stopStarted = ContinuousClock.now
            node.process.send(signal: SIGTERM)
            let status = await node.process.waitForExit(orKillAfter: .seconds(60))
            #expect(status == .exited(code: 0))
            #expect(ContinuousClock.now - stopStarted < .seconds(15))
            #expect(children.values.allSatisfy { !isAlive($0) })
        }
    }

    @Test(arguments: ["tocsin-state", "tocsin-gossip", "tocsin-dispatcher", "tocsin-notifier"])
    func killedChildIsHealedWithinFiveSeconds(child: String) async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let victim = try #require(childProcesses(of: node.process.pid)[child])
            kill(victim, SIGKILL)
            #expect(await eventually(within: .seconds(2)) { !isAlive(victim) })
            let healed = await eventually(within: .seconds(5)) {
                guard let replacement = childProcesses(of: node.process.pid)[child], replacement != victim else { return false }
                return await node.readyStatus == 200
            }
            #expect(healed)
            node.process.send(signal: SIGTERM)
            #expect(await node.process.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 0))
        }
    }

    @Test func childThatCannotStartMakesTocsinExitWithItsError() async throws {
        // Hold the web port so the dispatcher cannot bind it.
        let port = try freeLoopbackPort()
        let blocker = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(blocker) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(blocker, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        try #require(bound && listen(blocker, 1) == 0)

        try await TocsinNode.with(port: port) { node in
            let exited = await eventually(within: .seconds(30)) { node.process.exitStatus != nil }
            #expect(exited)
            #expect(node.process.exitStatus == .exited(code: 1))
            let report = node.process.lastErrorLine ?? ""
            #expect(report.contains("Tocsin could not start") && report.contains("dispatcher exited before it was ready"))
            #expect(childProcesses(of: node.process.pid).isEmpty)
        }
    }

    @Test func hangupReachesTheDaemonsWithoutRestartingThem() async throws {
        try await TocsinNode.with { node in
            #expect(await node.waitUntilReady())
            let before = childProcesses(of: node.process.pid)
            node.process.send(signal: SIGHUP)
            try await Task.sleep(for: .milliseconds(500))
            #expect(childProcesses(of: node.process.pid) == before)
            #expect(await node.readyStatus == 200)
            node.process.send(signal: SIGTERM)
            #expect(await node.process.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 0))
        }
    }

    @Test func versionAndUnknownFlags() async throws {
        let version = try ChildProcess.spawn(executable: BuiltExecutables.path("tocsin"), arguments: ["--version"], environment: [:])
        #expect(await version.waitForExit(orKillAfter: .seconds(60)) == .exited(code: 0))
        let unknown = try ChildProcess.spawn(executable: BuiltExecutables.path("tocsin"), arguments: ["--no-such-flag"], environment: [:])
        #expect(await unknown.waitForExit(orKillAfter: .seconds(60)) != .exited(code: 0))
        #expect(unknown.lastErrorLine?.isEmpty == false)
    }
}
