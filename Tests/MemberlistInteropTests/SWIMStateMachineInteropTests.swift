#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Memberlist
import Testing

/// Runs ``SWIMStateMachine`` through a thin socket driver against a real Alertmanager 0.25: it must join,
/// be probed without ever being suspected, receive a silence by gossip, serve push/pulls, and leave cleanly.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled))
struct SWIMStateMachineInteropTests {
    static func createSilence(webPort: UInt16) throws -> String {
        let formatter = ISO8601DateFormatter()
        let now = Date()
        let body = """
            {"matchers":[{"name":"tocsin","value":"interop","isRegex":false}],"startsAt":"\(formatter.string(from: now))",\
            "endsAt":"\(formatter.string(from: now.addingTimeInterval(3600)))","createdBy":"memberlist-test","comment":"interop"}
            """
        let request =
            "POST /api/v2/silences HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let socket = try LoopbackSocket(connectingTo: webPort)
        try socket.send(Array(request.utf8))
        return String(decoding: try socket.receive(within: 5000), as: UTF8.self)
    }

    @Test func machineLivesInARealClusterAndLeaves() async throws {
        let clusterPort = try LoopbackSocket.freePort()
        let webPort = try LoopbackSocket.freePort()
        let ourPort = try LoopbackSocket.freePort()
        let ourName = "zz-tocsin-swim-test"
        let alertmanager = try AlertmanagerProcess(clusterPort: clusterPort, webPort: webPort, pushPullInterval: "2s")
        defer { alertmanager.stop() }
        try await AlertmanagerInteropTests.waitForListener(port: clusterPort)
        try await AlertmanagerInteropTests.waitForListener(port: webPort)

        // The driver (and so its sockets) lives only in this scope: after leaving we must stop listening.
        do {
            let node = try SWIMDriver(name: ourName, port: ourPort)
            node.perform(node.machine.join(NodeAddress(ip: [127, 0, 0, 1], port: clusterPort)))
            let peer = try #require(node.machine.members.values.first { $0.name != ourName })
            #expect(node.events.contains(.joined(peer)))

            await node.run(for: .seconds(7))
            #expect(node.machine.members[peer.name]?.state == .alive)
            #expect(node.machine.localMember.incarnation == 1, "never had to refute a suspicion")
            #expect(node.repliesSent >= 4, "answered the Alertmanager's probes")
            #expect(node.pushPullsServed >= 1, "served the Alertmanager's periodic push/pull (first within 2-4 s)")
            #expect(AlertmanagerInteropTests.status(webPort: webPort).contains(ourName))

            let created = try Self.createSilence(webPort: webPort)
            #expect(created.contains("silenceID"))
            await node.run(for: .seconds(5)) {
                node.userMessages.contains { (try? ClusterPart(protobuf: $0[...]))?.key == "sil" }
            }
            let silence = try #require(node.userMessages.compactMap { try? ClusterPart(protobuf: $0[...]) }.first { $0.key == "sil" })
            let entries = try ProtobufReader.splitDelimited(silence.data[...])
            #expect(entries.count == 1)
            #expect(entries.first.map { Array($0).windows(ofCount: 7).contains(Array("interop".utf8)) } == true)

            node.perform(node.machine.leave(now: .now))
            await node.run(for: .seconds(5)) { node.leaveFinished }
            #expect(node.leaveFinished)
        }
        var gone = false
        for _ in 0..<50 where !gone {
            try await Task.sleep(for: .milliseconds(200))
            gone = !AlertmanagerInteropTests.status(webPort: webPort).contains(ourName)
        }
        #expect(gone, "the Alertmanager saw us leave")
        // The driver answers only while the test runs it (not while it creates the silence or checks the
        // status), so on a loaded machine a probe of Alertmanager's can go unanswered, and so can its TCP
        // fallback ping: those lines are about the harness. Anything else memberlist warns about fails the test.
        let complaints = alertmanager.log.split(separator: "\n").filter {
            ($0.contains("[WARN]") || $0.contains("[ERR]")) && !$0.lowercased().contains("ping") && !$0.contains("Suspect")
        }
        #expect(complaints.isEmpty, "memberlist warnings or errors:\n\(complaints.joined(separator: "\n"))")
    }
}

extension Array where Element == UInt8 {
    func windows(ofCount count: Int) -> [[UInt8]] {
        guard self.count >= count else { return [] }
        return (0...(self.count - count)).map { Array(self[$0..<($0 + count)]) }
    }
}
