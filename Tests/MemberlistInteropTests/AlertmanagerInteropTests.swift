#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Memberlist
import Testing

/// Joins a real Alertmanager 0.25 (a separate process on loopback) using only this library's encoders and
/// decoders: push/pull join over TCP, answering its UDP probes, a TCP fallback ping, and a graceful leave.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled))
struct AlertmanagerInteropTests {
    static func status(webPort: UInt16) -> String {
        guard let socket = try? LoopbackSocket(connectingTo: webPort) else { return "" }
        guard (try? socket.send(Array("GET /api/v2/status HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8))) != nil else { return "" }
        let reply = (try? socket.receive(within: 2000)) ?? []
        return String(decoding: reply, as: UTF8.self)
    }

    static func waitForListener(port: UInt16) async throws {
        for _ in 0..<300 {
            if (try? LoopbackSocket(connectingTo: port)) != nil { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw LoopbackSocket.Failure.timeout("alertmanager did not listen")
    }

    /// Sends one stream message on a fresh connection and reads the reply, bounded by 10 s.
    static func exchange(_ message: StreamMessage, compressed: Bool, port: UInt16) throws -> StreamFrame {
        let connection = try LoopbackSocket(connectingTo: port)
        try connection.send(StreamEncoder(compression: compressed).encode(message))
        let decoder = StreamDecoder()
        var frame: StreamFrame?
        _ = try connection.receive(within: 10_000) { bytes in
            if case .frame(let decoded, _)? = try? decoder.decode(bytes) {
                frame = decoded
                return true
            }
            return false
        }
        return try #require(frame)
    }

    @Test(arguments: [false, true])
    func joinProbeAndLeave(compressed: Bool) async throws {
        let clusterPort = try LoopbackSocket.freePort()
        let webPort = try LoopbackSocket.freePort()
        let ourPort = try LoopbackSocket.freePort()
        let ourName = "zz-tocsin-memberlist-test-\(compressed ? "lzw" : "plain")"
        let udp = try LoopbackSocket(udpPort: ourPort)
        let alertmanager = try AlertmanagerProcess(clusterPort: clusterPort, webPort: webPort)
        defer { alertmanager.stop() }
        try await Self.waitForListener(port: clusterPort)
        // Alertmanager registers its "nfl" and "sil" states before it opens the web port: wait for both.
        try await Self.waitForListener(port: webPort)

        // Join: our push/pull with one node (us) and an empty nfl+sil state.
        let us = PushNodeState(name: ourName, address: [127, 0, 0, 1], port: ourPort, incarnation: 1, state: .alive)
        let ourState = ClusterFullState(parts: [ClusterPart(key: "nfl", data: []), ClusterPart(key: "sil", data: [])])
        let reply = try Self.exchange(
            .pushPull(PushPull(join: true, nodes: [us], userState: ourState.protobuf)),
            compressed: compressed, port: clusterPort)
        #expect(reply.compressed, "Alertmanager compresses every stream")
        guard case .pushPull(let theirs) = reply.message else {
            Issue.record("expected a push/pull reply, got \(reply.message)")
            return
        }
        #expect(theirs.join)
        let alertmanagerNode = try #require(theirs.nodes.first { $0.port == clusterPort })
        #expect(alertmanagerNode.state == .alive)
        #expect(alertmanagerNode.vsn == ProtocolVersions.alertmanager.vsn)
        #expect(alertmanagerNode.address == [127, 0, 0, 1])
        #expect(alertmanagerNode.name.count == 26, "a ULID")
        let theirState = try ClusterFullState(protobuf: theirs.userState[...])
        #expect(Set(theirState.parts.map(\.key)) == ["nfl", "sil"])

        // Answer its UDP probes for a while; it must ping us by name.
        let encoder = PacketEncoder(compression: compressed, checksum: compressed)
        var answered = 0
        let deadline = Date().addingTimeInterval(15)
        while answered < 3, Date() < deadline {
            // Poll without blocking, so the thread goes back to the cooperative pool between datagrams.
            guard udp.waitReadable(0), let datagram = try? udp.receiveDatagram(within: 100) else {
                try await Task.sleep(for: .milliseconds(10))
                continue
            }
            let packet = try PacketDecoder().decode(datagram)
            for message in packet.messages {
                switch message {
                case .ping(let ping):
                    #expect(ping.node == ourName)
                    #expect(ping.sourceNode == alertmanagerNode.name)
                    let ack = Message.ack(AckResponse(seqNo: ping.seqNo)).encoded
                    try udp.sendDatagram(encoder.wrap(ack), toPort: ping.sourcePort)
                    answered += 1
                default:
                    break
                }
            }
        }
        #expect(answered >= 3, "probed and answered")
        #expect(Self.status(webPort: webPort).contains(ourName), "Alertmanager lists us as a peer")

        // TCP fallback ping, addressed to the Alertmanager by name.
        let pong = try Self.exchange(.ping(Ping(seqNo: 77, node: alertmanagerNode.name)), compressed: compressed, port: clusterPort)
        #expect(pong.compressed)
        #expect(pong.message == .ack(AckResponse(seqNo: 77, payload: nil)), "memberlist acks a TCP ping with a nil payload")

        // Graceful leave: dead about ourselves from ourselves; Alertmanager drops us from its peers.
        let leave = Message.dead(Dead(incarnation: 1, node: ourName, from: ourName)).encoded
        try udp.sendDatagram(PacketEncoder(compression: compressed, checksum: true).wrap(leave), toPort: clusterPort)
        var gone = false
        for _ in 0..<50 where !gone {
            try await Task.sleep(for: .milliseconds(200))
            gone = !Self.status(webPort: webPort).contains(ourName)
        }
        #expect(gone, "leave accepted")
        let log = alertmanager.log
        #expect(log.contains("received=NotifyJoin node=\(ourName)"))
        #expect(log.contains("received=NotifyLeave node=\(ourName)"))
        // This fake node answers probes only while the test reads its socket and runs no TCP listener, so on a
        // slow run Alertmanager's later probes of it (and their TCP fallback) and its periodic push/pull with
        // it fail; those lines are about the harness, not the protocol. Anything else memberlist warns about
        // fails the test.
        let complaints = log.split(separator: "\n").filter {
            ($0.contains("[WARN]") || $0.contains("[ERR]")) && !$0.lowercased().contains("ping") && !$0.contains("Suspect")
                && !($0.contains("Push/Pull with \(ourName)") && $0.contains("connection refused"))
        }
        #expect(complaints.isEmpty, "memberlist warnings or errors:\n\(complaints.joined(separator: "\n"))")
    }
}
