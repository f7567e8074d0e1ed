#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Testing

/// Clusters on loopback notify once per group, as Alertmanager's do: every node flushes, the node at
/// position p waits p × `--cluster.peer-timeout`, and its dedup stage then finds the entry the first node
/// logged and gossip replicated. Also: nothing is sent before the cluster settles, and `/api/v2/status`
/// reports the cluster as Alertmanager does.
@Suite(.serialized, .timeLimit(.minutes(4)))
struct ClusterTests {
    /// Short, so a node late in the order waits 2 s per node before it: long enough, on a loaded machine,
    /// for the first node to flush, send, log and gossip its nflog entry even if it got the alert last.
    /// Generous for a loaded machine: the first node must send, log and gossip its entry within one peer timeout
    /// (2 s let a duplicate through on a full CI-like run).
    static let peerTimeout = "--cluster.peer-timeout=5s"
    /// Settling polls every 10 gossip intervals and needs five polls: 2.5 s instead of 10 s.
    static let fastGossip = "--cluster.gossip-interval=50ms"

    static func configuration(sinkPort: Int) -> String {
        """
        route:
          receiver: hook
          group_by: ['alertname']
          group_wait: 1s
          group_interval: 2s
          repeat_interval: 1h
        receivers:
          - name: hook
            webhook_configs:
              - url: http://127.0.0.1:\(sinkPort)/cluster
        """
    }

    static func alert(_ name: String) -> String {
        #"[{"labels":{"alertname":"\#(name)","instance":"db-1"},"annotations":{"summary":"posted to every node"}}]"#
    }

    /// The `cluster` object of `/api/v2/status` on 127.0.0.1:port.
    static func cluster(port: Int) async -> [String: Any]? {
        guard let answer = await httpRequest(port: port, method: "GET", path: "/api/v2/status"), answer.status == 200,
            let status = try? JSONSerialization.jsonObject(with: AlertmanagerPeer.unchunked(answer.body)) as? [String: Any]
        else { return nil }
        return status["cluster"] as? [String: Any]
    }

    static func peers(_ cluster: [String: Any]?) -> [[String: String]] {
        (cluster?["peers"] as? [[String: Any]] ?? []).map { peer in peer.compactMapValues { $0 as? String } }
    }

    /// Whether the node on `port` reports a settled cluster of `members` members.
    static func isReady(port: Int, members: Int) async -> Bool {
        let cluster = await Self.cluster(port: port)
        return cluster?["status"] as? String == "ready" && Self.peers(cluster).count == members
    }

    /// The `externalURL` of every notification the sink got: which node sent it.
    static func senders(_ sink: WebhookSink) -> [String] {
        sink.requests(path: "/cluster").compactMap { request in
            (try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["externalURL"] as? String
        }
    }

    static func post(_ body: String, to port: Int) async -> Int? {
        await httpRequest(port: port, method: "POST", path: "/api/v2/alerts", body: body, contentType: "application/json")?.status
    }

    @Test func threeTocsinNodesNotifyOncePerGroup() async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }
        let configuration = Self.configuration(sinkPort: sink.port)
        let seed = try freeLoopbackPort()
        // The nodes start at once, so a first join may find the seed not listening yet: rejoin after 1 s, not 10 s.
        func arguments(_ index: Int) -> [String] {
            [
                Self.peerTimeout, Self.fastGossip, "--cluster.settle-timeout=30s", "--cluster.reconnect-interval=1s",
                "--web.external-url=http://node-\(index).test:9093",
            ]
                + (index == 0 ? ["--cluster.listen-address=127.0.0.1:\(seed)"] : ["--cluster.peer=127.0.0.1:\(seed)"])
        }
        let started = ContinuousClock.now
        try await TocsinNode.with(extraArguments: arguments(0), configuration: configuration) { first in
            try await TocsinNode.with(extraArguments: arguments(1), configuration: configuration) { second in
                try await TocsinNode.with(extraArguments: arguments(2), configuration: configuration) { third in
                    let nodes = [first, second, third]
                    for node in nodes {
                        #expect(await node.waitUntilReady())
                    }
                    let formed = await eventually(within: .seconds(30)) {
                        for node in nodes where await !Self.isReady(port: node.port, members: 3) { return false }
                        return true
                    }
                    try #require(formed, "every node lists three members and has settled")
                    print(
                        "ClusterTests: three nodes (gossip every 50 ms) formed and settled \(ContinuousClock.now - started) after the first start"
                    )

                    // Every node sees the same members in the same order, and its own place among them.
                    var order: [String] = []
                    var names: [String: Int] = [:]
                    for (index, node) in nodes.enumerated() {
                        let cluster = await Self.cluster(port: node.port)
                        let members = Self.peers(cluster).compactMap { $0["name"] }
                        if order.isEmpty { order = members }
                        #expect(members == order, "node \(index) lists the members in the same order")
                        #expect(members == members.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                        names[try #require(cluster?["name"] as? String)] = index
                    }
                    let firstInOrder = try #require(order.first.flatMap { names[$0] })

                    for group in ["DiskFull", "CPUHot"] {
                        for node in nodes {
                            #expect(await Self.post(Self.alert(group), to: node.port) == 200)
                        }
                    }
                    #expect(await eventually(within: .seconds(20)) { Self.senders(sink).count >= 2 })
                    // Long enough for the last node's wait (2 × 5 s), a group_interval flush on every node
                    // and slow gossip; every later flush is deduplicated against the replicated nflog.
                    try await Task.sleep(for: .seconds(16))
                    let requests = sink.requests(path: "/cluster")
                    let groups = requests.compactMap { request in
                        ((try? JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])?["groupKey"] as? String)
                    }
                    #expect(groups.sorted() == ["{}:{alertname=\"CPUHot\"}", "{}:{alertname=\"DiskFull\"}"], "one notification per group")
                    #expect(
                        Set(Self.senders(sink)) == ["http://node-\(firstInOrder).test:9093"],
                        "the node whose name sorts first sends; the others wait and find its nflog entry")
                }
            }
        }
    }

    @Test func nothingIsSentBeforeTheClusterSettles() async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }
        // Alertmanager's default gossip interval: settling takes five polls of 2 s.
        let started = ContinuousClock.now
        try await TocsinNode.with(
            extraArguments: ["--cluster.settle-timeout=60s"], configuration: Self.configuration(sinkPort: sink.port)
        ) { node in
            #expect(await node.waitUntilReady())
            #expect(await Self.post(Self.alert("EarlyBird"), to: node.port) == 200)
            var sawSettling = false
            var sentWhileSettling = false
            var settledAfter: Duration?
            let deadline = ContinuousClock.now + .seconds(40)
            while ContinuousClock.now < deadline {
                // The sink first, then the status: a notification seen before a "settling" answer was sent
                // while the node was still settling.
                let sent = !sink.requests(path: "/cluster").isEmpty
                let status = await Self.cluster(port: node.port)?["status"] as? String
                if status == "settling" {
                    sawSettling = true
                    if sent { sentWhileSettling = true }
                } else if status == "ready", settledAfter == nil {
                    settledAfter = ContinuousClock.now - started
                }
                if sent, settledAfter != nil { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(sawSettling, "a node starts out settling")
            #expect(!sentWhileSettling, "no notification while settling")
            #expect(settledAfter != nil, "the node settles (one member, unchanged for three polls)")
            #expect(sink.requests(path: "/cluster").count == 1, "the alert posted while settling is sent once settled")
            print("ClusterTests: a lone node settled \(settledAfter.map { "\($0)" } ?? "never") after its start")
        }
    }

    /// One real Alertmanager 0.25 and one Tocsin node: the same alert posted to both gives one notification,
    /// whichever of them sorts first; both report the same cluster in `/api/v2/status`.
    @Test(
        .enabled(if: AlertmanagerPeer.isInstalled, "prometheus-alertmanager (Alertmanager 0.25) is not installed"),
        arguments: [true, false]
    )
    func mixedClusterNotifiesOnce(tocsinFirst: Bool) async throws {
        let scratch = try ScratchDirectory()
        let sink = try await WebhookSink.start(in: scratch.path)
        defer { sink.process.send(signal: SIGKILL) }
        let configuration = Self.configuration(sinkPort: sink.port)
        let tocsinCluster = try freeLoopbackPort()
        let timings = [Self.peerTimeout, Self.fastGossip, "--cluster.settle-timeout=30s"]
        let tocsinArguments =
            timings + ["--cluster.listen-address=127.0.0.1:\(tocsinCluster)", "--web.external-url=http://tocsin.test:9093"]
        let alertmanagerArguments = timings + ["--web.external-url=http://alertmanager.test:9093"]

        // Member names are ULIDs: the node started first sorts first and sends; the other waits.
        func run(_ alertmanager: AlertmanagerPeer, _ node: TocsinNode) async throws {
            let started = ContinuousClock.now
            #expect(await node.waitUntilReady())
            let formed = await eventually(within: .seconds(30)) {
                let ours = await Self.isReady(port: node.port, members: 2)
                let theirs = await Self.isReady(port: alertmanager.webPort, members: 2)
                return ours && theirs
            }
            try #require(formed, "both list two members and have settled")
            print(
                "ClusterTests: Alertmanager and Tocsin (gossip every 50 ms) settled \(ContinuousClock.now - started) after the second started"
            )

            // /api/v2/status: the same keys, the same members (sorted, with addresses), each its own name.
            let ours = try #require(await Self.cluster(port: node.port))
            let theirs = try #require(await Self.cluster(port: alertmanager.webPort))
            #expect(Set(ours.keys) == Set(theirs.keys))
            #expect(Set(ours.keys) == ["name", "peers", "status"])
            #expect(Self.peers(ours) == Self.peers(theirs))
            #expect(Self.peers(ours).allSatisfy { Set($0.keys) == ["address", "name"] })
            #expect(Self.peers(ours).contains(["name": ours["name"] as? String ?? "", "address": "127.0.0.1:\(tocsinCluster)"]))
            #expect(
                Self.peers(ours).contains(["name": theirs["name"] as? String ?? "", "address": "127.0.0.1:\(alertmanager.clusterPort)"]))
            let first = Self.peers(ours).first?["name"]
            let expectedSender = first == ours["name"] as? String ? "http://tocsin.test:9093" : "http://alertmanager.test:9093"
            #expect((expectedSender == "http://tocsin.test:9093") == tocsinFirst, "the node started first sorts first")

            #expect(await Self.post(Self.alert("Mixed"), to: alertmanager.webPort) == 200)
            #expect(await Self.post(Self.alert("Mixed"), to: node.port) == 200)
            #expect(await eventually(within: .seconds(20)) { !Self.senders(sink).isEmpty })
            try await Task.sleep(for: .seconds(10))
            #expect(Self.senders(sink) == [expectedSender], "exactly one notification, from the node sorted first")
        }

        if tocsinFirst {
            try await TocsinNode.with(extraArguments: tocsinArguments, configuration: configuration) { node in
                #expect(await node.waitUntilReady())
                try await AlertmanagerPeer.with(
                    extraArguments: alertmanagerArguments + ["--cluster.peer=127.0.0.1:\(tocsinCluster)"], configuration: configuration
                ) { alertmanager in
                    try await run(alertmanager, node)
                }
            }
        } else {
            try await AlertmanagerPeer.with(extraArguments: alertmanagerArguments, configuration: configuration) { alertmanager in
                try await TocsinNode.with(
                    extraArguments: tocsinArguments + ["--cluster.peer=127.0.0.1:\(alertmanager.clusterPort)"], configuration: configuration
                ) { node in
                    try await run(alertmanager, node)
                }
            }
        }
    }

    @Test func statusFollowsARestartedGossipAgent() async throws {
        try await TocsinNode.with(extraArguments: [Self.fastGossip]) { node in
            #expect(await node.waitUntilReady())
            #expect(await eventually(within: .seconds(20)) { await Self.isReady(port: node.port, members: 1) })
            let before = try #require(await Self.cluster(port: node.port)?["name"] as? String)
            let gossip = try #require(childProcesses(of: node.process.pid)["tocsin-gossip"])
            kill(gossip, SIGKILL)
            // While the agent is away the API answers at once with what it last knew.
            let asked = ContinuousClock.now
            let meanwhile = await Self.cluster(port: node.port)
            #expect(meanwhile?["status"] as? String != nil)
            #expect(ContinuousClock.now - asked < .seconds(3))
            // The supervisor restarts it under a new name, which settles again.
            let renamed = await eventually(within: .seconds(30)) {
                let cluster = await Self.cluster(port: node.port)
                guard let name = cluster?["name"] as? String, name != before else { return false }
                return Self.peers(cluster).map { $0["name"] } == [name] && cluster?["status"] as? String == "ready"
            }
            #expect(renamed, "the status reports the restarted agent, alone and settled")
        }
    }

    @Test(.enabled(if: AlertmanagerPeer.isInstalled, "prometheus-alertmanager (Alertmanager 0.25) is not installed"))
    func disabledClusterStatusMatchesAlertmanager() async throws {
        try await AlertmanagerPeer.with(clustered: false) { alertmanager in
            try await TocsinNode.with(extraArguments: ["--cluster.listen-address="]) { node in
                #expect(await node.waitUntilReady())
                let ours = await httpRequest(port: node.port, method: "GET", path: "/api/v2/status")?.body ?? ""
                let theirs = await httpRequest(port: alertmanager.webPort, method: "GET", path: "/api/v2/status")?.body ?? ""
                let cluster = { (body: String) -> String in
                    guard let start = body.range(of: #""cluster":"#), let end = body.range(of: #","config""#) else { return "" }
                    return String(body[start.upperBound..<end.lowerBound])
                }
                #expect(cluster(theirs) == #"{"peers":[],"status":"disabled"}"#)
                #expect(cluster(ours) == cluster(theirs))
            }
        }
    }
}
