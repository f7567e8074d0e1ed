import Memberlist
import Testing

@Suite struct StreamDecoderTests {
    let decoder = StreamDecoder()

    static let joiner = PushNodeState(
        name: "01M87VFHE2DY7THRR6A1WGTMC8", address: [127, 0, 0, 1], port: 29194, incarnation: 1, state: .alive)
    static let emptyFullState = ClusterFullState(parts: [ClusterPart(key: "nfl", data: []), ClusterPart(key: "sil", data: [])])

    /// §3.1: the decompressed 131-byte join push/pull.
    @Test func annotatedJoinPushPull() throws {
        let exchange = PushPull(join: true, nodes: [Self.joiner], userState: Self.emptyFullState.protobuf)
        let plain = StreamMessage.pushPull(exchange).encoded
        #expect(plain.count == 131)
        let header = Bytes.join([[0x06, 0x83], Bytes.raw("Join"), [0xc3], Bytes.raw("Nodes"), [0x01],
                                 Bytes.raw("UserStateLen"), [0x0e, 0x87]])
        #expect(Array(plain.prefix(0x1e)) == header)
        #expect(plain.suffix(14) == Bytes.hex("0a050a036e666c 0a050a0373696c")[...])
        let wire = StreamEncoder().encode(.pushPull(exchange))
        let compressHeader = Bytes.join([[0x09, 0x82], Bytes.raw("Algo"), [0x00], Bytes.raw("Buf"), [0xda]])
        #expect(Array(wire.prefix(13)) == compressHeader)
        #expect(try decoder.decode(wire) == .frame(StreamFrame(compressed: true, message: .pushPull(exchange)), consumed: wire.count))
        #expect(try decoder.decode(plain) == .frame(StreamFrame(compressed: false, message: .pushPull(exchange)), consumed: 131))
    }

    @Test func everyPrefixNeedsMoreDataAndExtraBytesAreNotConsumed() throws {
        let messages: [StreamMessage] = [
            .pushPull(PushPull(join: false, nodes: [Self.joiner, Self.joiner], userState: Array(repeating: 7, count: 300))),
            .user(ClusterPart(key: "sil", data: Array(repeating: 1, count: 800)).protobuf),
            .ping(Ping(seqNo: 1, node: "x")),
            .ack(AckResponse(seqNo: 1, payload: nil)),
            .error(ErrorResponse(error: "boom")),
        ]
        for message in messages {
            for encoder in [StreamEncoder(), StreamEncoder(compression: false), StreamEncoder(label: "lab")] {
                let wire = encoder.encode(message)
                for cut in 0..<wire.count {
                    #expect(try decoder.decode(wire[..<cut]) == .needMoreData, "\(message) cut at \(cut)")
                }
                let expected = StreamDecoder.Result.frame(
                    StreamFrame(label: encoder.label, compressed: encoder.compression, message: message), consumed: wire.count)
                #expect(try decoder.decode(wire + [0xde, 0xad]) == expected)
            }
        }
    }

    @Test func tcpUserMessageTemplate() throws {
        let part = ClusterPart(key: "sil", data: [1]).protobuf
        let wire = StreamEncoder(compression: false).encode(.user(part))
        #expect(wire == Bytes.join([[0x08, 0x81], Bytes.raw("UserMsgLen"), [UInt8(part.count)], part]))
    }

    @Test func hostileLengthsAndTypesAreRefused() {
        let negative = [0x06] + PushPullHeader(nodes: -1, userStateLength: 0, join: false).messagePackBytes
        #expect(throws: MemberlistError.invalidLength(field: "Nodes", value: -1)) { try decoder.decode(negative) }
        let huge = [0x08] + UserMessageHeader(userMessageLength: 1 << 40).messagePackBytes
        #expect(throws: MemberlistError.invalidLength(field: "UserMsgLen", value: 1 << 40)) { try decoder.decode(huge) }
        #expect(throws: MemberlistError.encryptionNotSupported) { try decoder.decode([0x0a, 0, 0, 0, 5]) }
        #expect(throws: MemberlistError.messageTypeNotSupported(.alive)) { try decoder.decode([0x04, 0x80]) }
        #expect(throws: MemberlistError.unknownMessageType(200)) { try decoder.decode([200]) }
        let small = StreamDecoder(maxStreamBytes: 100)
        let big = StreamEncoder(compression: false).encode(.user(Array(repeating: 0, count: 200)))
        #expect(throws: MemberlistError.invalidLength(field: "UserMsgLen", value: 200)) { try small.decode(big) }
        let bomb = StreamEncoder().encode(.user(Array(repeating: 0, count: 200)))
        #expect(throws: LZW.Error.outputTooLarge(limit: 100)) { try small.decode(bomb) }
        // A compressed message whose content is cut short is an error, not a wait.
        let cut = CompressedPayload(compressing: StreamMessage.user([1, 2, 3]).encoded.dropLast()).message
        #expect(throws: MemberlistError.self) { try decoder.decode(cut) }
    }
}
