import Memberlist
import Testing

@Suite struct PacketDecoderTests {
    let decoder = PacketDecoder()
    let ping = Message.ping(Ping(seqNo: 3, node: "b", sourceAddress: [127, 0, 0, 1], sourcePort: 9094, sourceNode: "a"))
    let suspect = Message.suspect(Suspect(incarnation: 4, node: "c", from: "a"))
    let user = Message.user(ClusterPart(key: "sil", data: [1, 2, 3]).protobuf)

    @Test func unwrapsLabelChecksumCompressAndNestedCompounds() throws {
        let inner = CompoundMessage.make([suspect.encoded, user.encoded])
        let compressedInner = CompressedPayload(compressing: inner).message
        let outer = CompoundMessage.make([ping.encoded, compressedInner])
        let datagram = PacketLabel.add("prod", to: PacketChecksum.add(to: CompressedPayload(compressing: outer).message))
        let packet = try decoder.decode(datagram)
        #expect(packet.label == "prod")
        #expect(packet.checksummed)
        #expect(packet.messages == [ping, suspect, user])
        #expect(packet.droppedParts.isEmpty)
    }

    @Test func badPartsInACompoundAreDroppedAlone() throws {
        let datagram = CompoundMessage.make([ping.encoded, [0x03, 0xc1], [0x63], suspect.encoded, [0x06, 0x80]])
        let packet = try decoder.decode(datagram)
        #expect(packet.messages == [ping, suspect])
        #expect(packet.droppedParts.count == 3)
        #expect(packet.droppedParts.contains { ($0 as? MemberlistError) == .unknownMessageType(0x63) })
        #expect(packet.droppedParts.contains { ($0 as? MemberlistError) == .messageTypeNotSupported(.pushPull) })
        let truncated = try decoder.decode(Array(datagram.dropLast(3)))
        #expect(truncated.messages == [ping])
        #expect(truncated.droppedParts.contains { ($0 as? MemberlistError) == .compoundTruncated(declared: 5, complete: 3) })
    }

    @Test func checksumIsVerifiedOnlyAtTheTop() throws {
        var datagram = PacketChecksum.add(to: ping.encoded)
        datagram[datagram.count - 1] ^= 1
        #expect(throws: MemberlistError.self) { try decoder.decode(datagram) }
        let nested = CompoundMessage.make([PacketChecksum.add(to: ping.encoded)])
        let packet = try decoder.decode(nested)
        #expect(packet.messages.isEmpty)
        #expect(packet.droppedParts.first.flatMap { $0 as? MemberlistError } == .messageTypeNotSupported(.hasCRC))
    }

    @Test func limitsHold() throws {
        let bomb = CompressedPayload(compressing: [0x08] + Array(repeating: UInt8(0), count: 2_000_000)).message
        #expect(throws: LZW.Error.outputTooLarge(limit: 1 << 20)) { try decoder.decode(bomb) }
        var nested = ping.encoded
        for _ in 0..<20 { nested = CompoundMessage.make([nested]) }
        let packet = try decoder.decode(nested)
        #expect(packet.messages.isEmpty)
        #expect(throws: MemberlistError.nestingTooDeep(limit: 8)) { throw packet.droppedParts[0] }
        #expect(throws: MemberlistError.unknownCompression(1)) {
            try decoder.decode([0x09] + CompressedPayload(algorithm: 1, buffer: []).messagePackBytes)
        }
        #expect(throws: MemberlistError.invalidLabel) { try decoder.decode([0xf4, 0x00, 0x00]) }
        #expect(throws: MemberlistError.invalidLabel) { try decoder.decode([0xf4, 0x05, 0x41]) }
        #expect(throws: MemberlistError.emptyMessage) { try decoder.decode([UInt8]()) }
    }
}
