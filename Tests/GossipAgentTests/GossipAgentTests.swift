#if canImport(Glibc)
import Glibc
#endif
import GossipAgent
import Logging
import Memberlist
import ServiceLifecycle
import Testing

/// Two agents on loopback sockets: they find each other from one `--cluster.peer`, and a graceful stop is
/// seen by the other as a leave, not a failure.
@Suite(.serialized, .timeLimit(.minutes(1)))
struct GossipAgentTests {
    static let logger = Logger(label: "gossip-test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A free port on 127.0.0.1 for both UDP and TCP (bound once and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func agent(port: Int, peers: [Int] = []) throws -> GossipAgent {
        var swim = SWIMConfiguration()
        swim.pushPullInterval = .seconds(5)
        swim.gossipInterval = .milliseconds(50)
        // Patient failure detection: these tests are about joining and leaving, and run beside others on a
        // loaded machine, where a late ack must not make a peer look dead.
        swim.probeInterval = .seconds(2)
        swim.probeTimeout = .seconds(1)
        let configuration = GossipConfiguration(
            listenAddress: ClusterAddress(host: "127.0.0.1", port: port),
            peers: peers.map { ClusterAddress(host: "127.0.0.1", port: $0) },
            tcpTimeout: .seconds(2),
            reconnectInterval: .milliseconds(500),
            peerTimeout: .seconds(15),
            settleTimeout: .seconds(30),
            swim: swim
        )
        return try GossipAgent(configuration: configuration, bridge: nil, logger: logger)
    }

    static func group(_ agent: GossipAgent) -> ServiceGroup {
        ServiceGroup(configuration: .init(services: [agent], logger: logger))
    }

    static func eventually(within limit: Duration, _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }

    @Test func agentsJoinThroughAPeerAndSeeACleanLeave() async throws {
        let first = try Self.agent(port: try Self.freePort())
        let second = try Self.agent(port: try Self.freePort(), peers: [Int(first.advertised.port)])
        let firstGroup = Self.group(first)
        let secondGroup = Self.group(second)
        let firstRun = Task { try await firstGroup.run() }
        let secondRun = Task { try await secondGroup.run() }
        defer {
            firstRun.cancel()
            secondRun.cancel()
        }

        let joined = await Self.eventually(within: .seconds(20)) {
            let seenByFirst = await first.members.count
            let seenBySecond = await second.members.count
            return seenByFirst == 2 && seenBySecond == 2
        }
        #expect(joined)
        let names = await first.members.map(\.name)
        #expect(names == [first.name, second.name].sorted())

        await secondGroup.triggerGracefulShutdown()
        try await secondRun.value
        let left = await Self.eventually(within: .seconds(20)) { await first.member(named: second.name)?.state == .left }
        #expect(left, "a graceful stop is announced as a leave")
        let remaining = await first.members.count
        #expect(remaining == 1)

        await firstGroup.triggerGracefulShutdown()
        try await firstRun.value
    }

    @Test func statusReportsPeersPositionAndSettles() async throws {
        let first = try Self.agent(port: try Self.freePort())
        let second = try Self.agent(port: try Self.freePort(), peers: [Int(first.advertised.port)])
        let firstGroup = Self.group(first)
        let secondGroup = Self.group(second)
        let firstRun = Task { try await firstGroup.run() }
        let secondRun = Task { try await secondGroup.run() }
        defer {
            firstRun.cancel()
            secondRun.cancel()
        }
        let initial = await second.status()
        #expect(initial.status == "settling")

        // Settled once the member count held still for three polls of 10 gossip intervals (0.5 s here).
        let settled = await Self.eventually(within: .seconds(20)) { await second.status().status == "ready" }
        #expect(settled)
        let status = await second.status()
        #expect(status.name == second.name)
        #expect(status.peers.map(\.name) == [first.name, second.name].sorted())
        #expect(status.peers[Int(status.position)].name == second.name)
        #expect(status.peers.contains { $0.address == "127.0.0.1:\(first.advertised.port)" })
        #expect(status.peerTimeoutMilliseconds == 15_000)

        await secondGroup.triggerGracefulShutdown()
        try await secondRun.value
        await firstGroup.triggerGracefulShutdown()
        try await firstRun.value
    }

    @Test func aPeerThatIsNotThereYetIsJoinedOnReconnect() async throws {
        let firstPort = try Self.freePort()
        let second = try Self.agent(port: try Self.freePort(), peers: [firstPort])
        let secondGroup = Self.group(second)
        let secondRun = Task { try await secondGroup.run() }
        defer { secondRun.cancel() }
        try await Task.sleep(for: .milliseconds(300))
        let alone = await second.members.count
        #expect(alone == 1)

        let first = try Self.agent(port: firstPort)
        let firstGroup = Self.group(first)
        let firstRun = Task { try await firstGroup.run() }
        defer { firstRun.cancel() }
        let joined = await Self.eventually(within: .seconds(20)) {
            let seenByFirst = await first.members.count
            let seenBySecond = await second.members.count
            return seenByFirst == 2 && seenBySecond == 2
        }
        #expect(joined)

        await secondGroup.triggerGracefulShutdown()
        try await secondRun.value
        await firstGroup.triggerGracefulShutdown()
        try await firstRun.value
    }
}
