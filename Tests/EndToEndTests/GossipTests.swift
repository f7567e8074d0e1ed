#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Logging
import SwiftProtobuf
import Testing
import TocsinWire

/// A real `tocsin` node and a real Alertmanager 0.25 in one cluster on loopback: membership, silences both
/// ways (gossiped and, when large, streamed over TCP), and a kill -9 of tocsin-gossip healed by the supervisor.
@Suite(
    .serialized, .timeLimit(.minutes(3)),
    .enabled(if: AlertmanagerPeer.isInstalled, "prometheus-alertmanager (Alertmanager 0.25) is not installed")
)
struct GossipTests {
    /// The `status.state` of silence `id` as the API on `port` reports it.
    static func silenceState(port: Int, id: String) async -> String? {
        guard let answer = await httpRequest(port: port, method: "GET", path: "/api/v2/silence/\(id)"), answer.status == 200,
            let silence = try? JSONSerialization.jsonObject(with: AlertmanagerPeer.unchunked(answer.body)) as? [String: Any]
        else { return nil }
        return (silence["status"] as? [String: Any])?["state"] as? String
    }

    @Test func silencesReplicateBothWaysWithARealAlertmanager() async throws {
        try await AlertmanagerPeer.with { alertmanager in
            try await TocsinNode.with(extraArguments: ["--cluster.peer=127.0.0.1:\(alertmanager.clusterPort)"]) { node in
                let state = try await StateConnection.open(storagePath: "\(node.scratch.path)/data")
                defer { state.close() }
                #expect(
                    await eventually(within: .seconds(20)) { await alertmanager.peerNames().count == 2 }, "Alertmanager lists both peers")

                let fromAlertmanager = try await alertmanager.createSilence(name: "from-alertmanager", comment: "gossiped to tocsin")
                #expect(await eventually(within: .seconds(20)) { await state.silenceIDs().contains(fromAlertmanager) })

                let fromTocsin = try await state.setSilence(name: "from-tocsin", comment: "gossiped to alertmanager")
                #expect(await eventually(within: .seconds(20)) { await alertmanager.silenceIDs().contains(fromTocsin) })

                let large = String(repeating: "a comment far larger than one gossip packet. ", count: 100)
                let largeFromTocsin = try await state.setSilence(name: "large-from-tocsin", comment: large)
                #expect(await eventually(within: .seconds(20)) { await alertmanager.silenceIDs().contains(largeFromTocsin) })
                let largeFromAlertmanager = try await alertmanager.createSilence(name: "large-from-alertmanager", comment: large)
                #expect(await eventually(within: .seconds(20)) { await state.silenceIDs().contains(largeFromAlertmanager) })

                // Expiry is an update of the silence and travels the same way, both ways.
                #expect(
                    await httpRequest(port: alertmanager.webPort, method: "DELETE", path: "/api/v2/silence/\(fromAlertmanager)")?.status
                        == 200)
                #expect(
                    await eventually(within: .seconds(20)) { await Self.silenceState(port: node.port, id: fromAlertmanager) == "expired" })
                #expect(await httpRequest(port: node.port, method: "DELETE", path: "/api/v2/silence/\(fromTocsin)")?.status == 200)
                #expect(
                    await eventually(within: .seconds(20)) {
                        await Self.silenceState(port: alertmanager.webPort, id: fromTocsin) == "expired"
                    })

                try await state.logNotification(groupKey: "{}:{alertname=\"from-tocsin\"}")
                #expect(
                    await eventually(within: .seconds(20)) {
                        await alertmanager.metric("alertmanager_nflog_gossip_messages_propagated_total") == 1
                    }, "Alertmanager merged the nflog entry (and gossiped it on)")

                let gossip = try await StateConnection.open(socketPath: "\(node.scratch.path)/data/run/gossip.sock")
                defer { gossip.close() }
                var query = Tocsin_Cluster_V1_ClusterRequest()
                query.body = .status(Tocsin_Cluster_V1_StatusQuery())
                guard case .cluster(let answer) = try await gossip.client.request(.cluster(query), timeout: .seconds(5)),
                    case .status(let status)? = answer.body
                else {
                    Issue.record("the gossip socket did not answer the cluster status")
                    return
                }
                #expect(Set(status.peers.map(\.name)) == Set(await alertmanager.peerNames()), "both see the same members")

                let metrics = await httpRequest(port: node.port, method: "GET", path: "/metrics")?.body ?? ""
                #expect(metrics.contains("alertmanager_cluster_members 2"), "\(metrics)")
                #expect(metrics.contains("alertmanager_oversized_gossip_message_sent_total{key=\"sil\"} 1"))
            }
        }
    }

    @Test func fullStateIsExchangedWhenJoiningAndWhenJoined() async throws {
        try await AlertmanagerPeer.with { first in
            let before = try await first.createSilence(name: "before-tocsin-joined", comment: "only reachable by push/pull")
            let clusterPort = try freeLoopbackPort()
            let arguments = ["--cluster.listen-address=127.0.0.1:\(clusterPort)", "--cluster.peer=127.0.0.1:\(first.clusterPort)"]
            try await TocsinNode.with(extraArguments: arguments) { node in
                let state = try await StateConnection.open(storagePath: "\(node.scratch.path)/data")
                defer { state.close() }
                #expect(await eventually(within: .seconds(20)) { await state.silenceIDs().contains(before) }, "our join's push/pull")
                let ours = try await state.setSilence(name: "set-on-tocsin", comment: "held by tocsin")
                #expect(await eventually(within: .seconds(20)) { await first.silenceIDs().contains(ours) })

                // A second Alertmanager joins through tocsin alone: tocsin answers its push/pull with the full state.
                try await AlertmanagerPeer.with(extraArguments: ["--cluster.peer=127.0.0.1:\(clusterPort)"]) { second in
                    let synced = await eventually(within: .seconds(20)) {
                        let ids = await second.silenceIDs()
                        return ids.contains(ours) && ids.contains(before)
                    }
                    #expect(synced, "the joining Alertmanager got both silences from tocsin's full state")
                    #expect(await eventually(within: .seconds(20)) { await second.peerNames().count == 3 })
                }
            }
        }
    }

    @Test func killedGossipAgentRejoinsAndResynchronises() async throws {
        try await AlertmanagerPeer.with { alertmanager in
            try await TocsinNode.with(extraArguments: ["--cluster.peer=127.0.0.1:\(alertmanager.clusterPort)"]) { node in
                let state = try await StateConnection.open(storagePath: "\(node.scratch.path)/data")
                defer { state.close() }
                #expect(await eventually(within: .seconds(20)) { await alertmanager.peerNames().count == 2 })
                let namesBefore = await alertmanager.peerNames()
                let gossip = try #require(childProcesses(of: node.process.pid)["tocsin-gossip"])
                kill(gossip, SIGKILL)
                let whileDown = try await alertmanager.createSilence(name: "while-gossip-was-down", comment: "resynced on rejoin")

                #expect(
                    await eventually(within: .seconds(20)) {
                        guard let restarted = childProcesses(of: node.process.pid)["tocsin-gossip"] else { return false }
                        return restarted != gossip
                    }, "the supervisor restarts tocsin-gossip")
                #expect(await eventually(within: .seconds(20)) { await state.silenceIDs().contains(whileDown) })
                let rejoined = await eventually(within: .seconds(20)) {
                    let names = await alertmanager.peerNames()
                    return names.count == 2 && Set(names) != Set(namesBefore)
                }
                #expect(rejoined, "Alertmanager lists the restarted agent (a new name) and no longer the killed one")
            }
        }
    }
}

/// A client of a node's daemon socket, with the calls on tocsin-state the cluster tests make.
private struct StateConnection: Sendable {
    let client: WireClient
    let task: Task<Void, any Error>

    static func open(storagePath: String) async throws -> StateConnection {
        try await Self.open(socketPath: "\(storagePath)/run/state.sock")
    }

    static func open(socketPath: String) async throws -> StateConnection {
        let client = WireClient(
            configuration: .init(socketPath: socketPath, role: .tool),
            logger: Logger(label: "e2e", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await client.run() }
        try await client.waitUntilConnected(timeout: .seconds(20))
        return StateConnection(client: client, task: task)
    }

    func close() {
        self.task.cancel()
    }

    func request(_ body: Tocsin_State_V1_StateRequest.OneOf_Body) async throws -> Tocsin_State_V1_StateResponse.OneOf_Body? {
        var request = Tocsin_State_V1_StateRequest()
        request.body = body
        guard case .state(let response) = try await self.client.request(.state(request), timeout: .seconds(5)) else { return nil }
        return response.body
    }

    func silenceIDs() async -> Set<String> {
        guard case .silences(let silences)? = try? await self.request(.querySilences(Tocsin_State_V1_QuerySilences())) else { return [] }
        return Set(silences.silences.map(\.id))
    }

    func logNotification(groupKey: String) async throws {
        var receiver = Nflogpb_Receiver()
        receiver.groupName = "default"
        receiver.integration = "webhook"
        var log = Tocsin_State_V1_LogNotification()
        log.receiver = receiver
        log.groupKey = groupKey
        log.firingAlerts = [1]
        log.expiryMilliseconds = 3_600_000
        guard case .notificationLogged? = try await self.request(.logNotification(log)) else { throw POSIXError(.EPROTO) }
    }

    func setSilence(name: String, comment: String) async throws -> String {
        var matcher = Silencepb_Matcher()
        matcher.type = .equal
        matcher.name = "alertname"
        matcher.pattern = name
        var silence = Silencepb_Silence()
        silence.matchers = [matcher]
        silence.startsAt = Google_Protobuf_Timestamp(date: Date())
        silence.endsAt = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(3600))
        silence.createdBy = "gossip-e2e"
        silence.comment = comment
        var set = Tocsin_State_V1_SetSilence()
        set.silence = silence
        guard case .silenceSet(let stored)? = try await self.request(.setSilence(set)) else { throw POSIXError(.EPROTO) }
        return stored.id
    }
}
