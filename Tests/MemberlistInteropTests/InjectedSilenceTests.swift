#if canImport(Glibc)
    import Glibc
#endif
import Foundation
import Memberlist
import Testing

/// Sends Alertmanager silences the two ways a peer does (a gossiped UDP user message, and an oversized part
/// over a TCP user-message stream) and checks that a real Alertmanager 0.25 stores them.
@Suite(.serialized, .enabled(if: AlertmanagerProcess.isInstalled))
struct InjectedSilenceTests {
    /// A `silencepb.MeshSilence` with one equality matcher, written field by field (silence.proto).
    static func meshSilence(id: String, comment: String, now: Date) -> [UInt8] {
        func timestamp(_ date: Date) -> [UInt8] {
            var writer = ProtobufWriter()
            writer.writeVarintField(field: 1, UInt64(date.timeIntervalSince1970))
            return writer.bytes
        }
        var matcher = ProtobufWriter()
        matcher.writeLengthDelimited(field: 2, Array("tocsin".utf8))
        matcher.writeLengthDelimited(field: 3, Array("injected".utf8))
        var silence = ProtobufWriter()
        silence.writeLengthDelimited(field: 1, Array(id.utf8))
        silence.writeLengthDelimited(field: 2, matcher.bytes)
        silence.writeLengthDelimited(field: 3, timestamp(now))
        silence.writeLengthDelimited(field: 4, timestamp(now.addingTimeInterval(3600)))
        silence.writeLengthDelimited(field: 5, timestamp(now))
        silence.writeLengthDelimited(field: 8, Array("memberlist-test".utf8))
        silence.writeLengthDelimited(field: 9, Array(comment.utf8))
        var mesh = ProtobufWriter()
        mesh.writeLengthDelimited(field: 1, silence.bytes)
        mesh.writeLengthDelimited(field: 2, timestamp(now.addingTimeInterval(3600 + 120 * 3600)))
        return mesh.bytes
    }

    static func silences(webPort: UInt16) -> String {
        guard let socket = try? LoopbackSocket(connectingTo: webPort) else { return "" }
        guard (try? socket.send(Array("GET /api/v2/silences HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8))) != nil else { return "" }
        return String(decoding: (try? socket.receive(within: 2000)) ?? [], as: UTF8.self)
    }

    @Test func gossipedAndStreamedSilencesAreStored() async throws {
        let clusterPort = try LoopbackSocket.freePort()
        let webPort = try LoopbackSocket.freePort()
        let alertmanager = try AlertmanagerProcess(clusterPort: clusterPort, webPort: webPort)
        defer { alertmanager.stop() }
        try await AlertmanagerInteropTests.waitForListener(port: clusterPort)
        try await AlertmanagerInteropTests.waitForListener(port: webPort)
        let udp = try LoopbackSocket(udpPort: try LoopbackSocket.freePort())
        let now = Date()

        let smallID = "7e57a11c-0000-4000-8000-000000000001"
        let small = ClusterPart(key: "sil", data: ProtobufWriter.delimited([Self.meshSilence(id: smallID, comment: "udp", now: now)]))
        #expect(small.protobuf.count <= 700, "small enough to gossip")
        try udp.sendDatagram(PacketEncoder().wrap(Message.user(small.protobuf).encoded), toPort: clusterPort)

        let largeID = "7e57a11c-0000-4000-8000-000000000002"
        let comment = String(repeating: "oversized ", count: 90)
        let large = ClusterPart(key: "sil", data: ProtobufWriter.delimited([Self.meshSilence(id: largeID, comment: comment, now: now)]))
        #expect(large.protobuf.count > 700, "Alertmanager would send this one over TCP")
        let stream = try LoopbackSocket(connectingTo: clusterPort)
        try stream.send(StreamEncoder().encode(.user(large.protobuf)))
        stream.shutdownWrite()

        var stored = ""
        for _ in 0..<50 where !(stored.contains(smallID) && stored.contains(largeID)) {
            try await Task.sleep(for: .milliseconds(100))
            stored = Self.silences(webPort: webPort)
        }
        #expect(stored.contains(smallID), "gossiped silence stored")
        #expect(stored.contains(largeID), "streamed silence stored")
        #expect(stored.contains("\"comment\":\"udp\""))
        let log = alertmanager.log
        #expect(!log.contains("[WARN]") && !log.contains("[ERR]") && !log.contains("level=error"), "\(log)")
    }
}
