import Memberlist
import Testing

@Suite struct MessageTests {
    static let target = "01M87VFEG1RMAXMZPMDVN6QKK6"
    static let source = "01M87VFHE2DY7THRR6A1WGTMC8"

    /// §2.3: the captured 109-byte UDP ping.
    @Test func capturedPingGoldenBytes() throws {
        let golden = [0x00, 0x85] + Bytes.raw("Node") + [0xba] + Array(Self.target.utf8)
            + Bytes.raw("SeqNo") + [0x01]
            + Bytes.raw("SourceAddr") + Bytes.hex("a4 7f000001")
            + Bytes.raw("SourceNode") + [0xba] + Array(Self.source.utf8)
            + Bytes.raw("SourcePort") + Bytes.hex("cd 720a")
        #expect(golden.count == 109)
        let ping = Ping(seqNo: 1, node: Self.target, sourceAddress: [127, 0, 0, 1], sourcePort: 29194, sourceNode: Self.source)
        #expect(Message.ping(ping).encoded == golden)
        #expect(try Message(decoding: golden[...]) == .ping(ping))
    }

    /// §2.3: the captured 18-byte ack, and Appendix B's templates.
    @Test func appendixBTemplates() throws {
        #expect(Message.ack(AckResponse(seqNo: 1)).encoded == Bytes.hex("02 82 a7 5061796c6f6164 a0 a5 5365714e6f 01"))
        let alive = Alive(incarnation: 1, node: Self.source, address: [127, 0, 0, 1], port: 29194)
        let aliveBytes = [0x04, 0x86] + Bytes.raw("Addr") + Bytes.hex("a4 7f000001") + Bytes.raw("Incarnation") + [0x01]
            + Bytes.raw("Meta") + [0xa0] + Bytes.raw("Node") + [0xba] + Array(Self.source.utf8)
            + Bytes.raw("Port") + Bytes.hex("cd 720a") + Bytes.raw("Vsn") + Bytes.hex("a6 010502000000")
        #expect(Message.alive(alive).encoded == aliveBytes)
        let dead = Dead(incarnation: 1, node: Self.target, from: Self.source)
        #expect(Message.dead(dead).encoded == [0x05, 0x83] + Bytes.raw("From") + [0xba] + Array(Self.source.utf8)
            + Bytes.raw("Incarnation") + [0x01] + Bytes.raw("Node") + [0xba] + Array(Self.target.utf8))
        #expect(Message.nack(NackResponse(seqNo: 0x74)).encoded == Bytes.hex("0b 81 a5 5365714e6f 74"), "captured nack §4.2")
        #expect(Message.user([0x0a, 0x03]).encoded == [0x08, 0x0a, 0x03])
    }

    @Test func everyMessageRoundTrips() throws {
        let messages: [Message] = [
            .ping(Ping(seqNo: 7, node: "")),
            .ping(Ping(seqNo: UInt32.max, node: "n", sourceAddress: Array(repeating: 0xfe, count: 16), sourcePort: 65535, sourceNode: "s")),
            .indirectPing(IndirectPingRequest(seqNo: 300, target: [10, 0, 0, 1], port: 9094, node: "t", nack: true,
                                              sourceAddress: [10, 0, 0, 2], sourcePort: 9094, sourceNode: "s")),
            .indirectPing(IndirectPingRequest(seqNo: 1, target: [10, 0, 0, 1], port: 9094, node: "t", nack: false)),
            .ack(AckResponse(seqNo: 70000, payload: nil)),
            .ack(AckResponse(seqNo: 1, payload: [1, 2, 3])),
            .nack(NackResponse(seqNo: 9)),
            .suspect(Suspect(incarnation: 5, node: "a", from: "b")),
            .alive(Alive(incarnation: 1 << 20, node: "x", address: Array(repeating: 1, count: 16), port: 1, meta: nil)),
            .alive(Alive(incarnation: 2, node: "y", address: [1, 2, 3, 4], port: 80, meta: Array(repeating: 9, count: 40))),
            .dead(Dead(incarnation: 3, node: "z", from: "z")),
            .user(Array(repeating: 0x41, count: 1000)),
            .user([]),
        ]
        for message in messages {
            #expect(try Message(decoding: message.encoded[...]) == message)
        }
        #expect(Dead(incarnation: 3, node: "z", from: "z").isLeave)
        #expect(!Dead(incarnation: 3, node: "z", from: "y").isLeave)
    }

    @Test func omitEmptySourceFieldsShrinkTheMap() {
        let bytes = Message.ping(Ping(seqNo: 1, node: "n")).encoded
        #expect(bytes == [0x00, 0x82] + Bytes.raw("Node") + Bytes.raw("n") + Bytes.raw("SeqNo") + [0x01])
        let indirect = Message.indirectPing(IndirectPingRequest(seqNo: 1, target: [1, 2, 3, 4], port: 2, node: "n", nack: true)).encoded
        #expect(indirect == [0x01, 0x85] + Bytes.raw("Nack") + [0xc3] + Bytes.raw("Node") + Bytes.raw("n")
            + Bytes.raw("Port") + [0x02] + Bytes.raw("SeqNo") + [0x01] + Bytes.raw("Target") + Bytes.hex("a4 01020304"))
    }

    @Test func decodingIsLenientLikeGo() throws {
        // Keys out of order, an unknown key, a nil Meta and a u32 port that fits u16.
        let bytes = [0x04, 0x87] + Bytes.raw("Vsn") + Bytes.hex("a6 010502000000") + Bytes.raw("Extra") + [0x93, 1, 2, 3]
            + Bytes.raw("Node") + Bytes.raw("n") + Bytes.raw("Meta") + [0xc0] + Bytes.raw("Port") + Bytes.hex("ce 0000238e")
            + Bytes.raw("Addr") + Bytes.hex("a4 0a000001") + Bytes.raw("Incarnation") + [0x09]
        let alive = try #require({ if case .alive(let a) = try Message(decoding: bytes[...]) { return a } else { return nil } }())
        #expect(alive == Alive(incarnation: 9, node: "n", address: [10, 0, 0, 1], port: 9102, meta: nil))
        #expect(ProtocolVersions(vsn: alive.vsn) == .alertmanager)
        #expect(ProtocolVersions(vsn: [1, 5, 2]) == nil)
    }

    @Test func wrongTypesAndUnsupportedTypesAreRefused() {
        #expect(throws: MemberlistError.emptyMessage) { try Message(decoding: [][...]) }
        #expect(throws: MemberlistError.unknownMessageType(99)) { try Message(decoding: [99, 0x80][...]) }
        #expect(throws: MemberlistError.messageTypeNotSupported(.pushPull)) { try Message(decoding: [6, 0x80][...]) }
        #expect(throws: MemberlistError.encryptionNotSupported) { try Message(decoding: [10, 0, 0, 0, 1][...]) }
        let portTooBig = [0x00, 0x81] + Bytes.raw("SourcePort") + Bytes.hex("ce 00010000")
        #expect(throws: MessagePackError.integerOverflow(field: "SourcePort", value: "65536")) {
            try Message(decoding: portTooBig[...])
        }
        let nodeAsBin = [0x03, 0x81] + Bytes.raw("Node") + Bytes.hex("c4 01 41")
        #expect(throws: MessagePackError.typeMismatch(field: "Node", expected: "string")) { try Message(decoding: nodeAsBin[...]) }
        let vsnAsArray = [0x04, 0x81] + Bytes.raw("Vsn") + Bytes.hex("96 01 05 02 00 00 00")
        #expect(throws: MessagePackError.typeMismatch(field: "Vsn", expected: "bytes")) { try Message(decoding: vsnAsArray[...]) }
    }
}
