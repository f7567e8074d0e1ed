import Memberlist
import Testing

@Suite struct PacketEncoderTests {
    let ack = Message.ack(AckResponse(seqNo: 1))

    @Test func alertmanagerDefaultsCompressOnlyWhenSmaller() throws {
        let encoder = PacketEncoder()
        let small = encoder.wrap(ack.encoded)
        #expect(small == PacketChecksum.add(to: ack.encoded), "an 18-byte ack does not shrink")
        let repetitive = Message.user(Array(repeating: 0x41, count: 500)).encoded
        let packed = encoder.wrap(repetitive)
        #expect(packed[5] == MessageType.compress.rawValue)
        #expect(try PacketDecoder().decode(packed).messages == [.user(Array(repeating: 0x41, count: 500))])
        let plain = PacketEncoder(compression: false, checksum: false).wrap(repetitive)
        #expect(plain == repetitive)
        let labelled = PacketEncoder(checksum: false, label: "x").wrap(ack.encoded)
        #expect(labelled == [0xf4, 0x01, 0x78] + ack.encoded)
    }

    @Test func piggybackFillsTheUDPBudget() throws {
        let encoder = PacketEncoder(compression: false, checksum: false)
        let broadcasts = [
            Array(repeating: UInt8(8), count: 900),
            Array(repeating: UInt8(8), count: 600),
            Array(repeating: UInt8(8), count: 470),
            Array(repeating: UInt8(8), count: 2),
        ]
        let (datagram, included) = encoder.piggyback(ack.encoded, broadcasts: broadcasts)
        // 1400 - 18 - 2 = 1380: 900+2 fits (478 left), 600+2 does not, 470+2 fits (6 left), 2+2 fits.
        #expect(included == [0, 2, 3])
        #expect(datagram.count == 1400)
        #expect(try PacketDecoder().decode(datagram).messages.count == 4)
        let (alone, none) = encoder.piggyback(ack.encoded, broadcasts: [Array(repeating: 8, count: 1381)])
        #expect(none.isEmpty)
        #expect(alone == ack.encoded)
    }

    @Test func gossipSendsOneBroadcastBareAndSeveralAsACompound() throws {
        let encoder = PacketEncoder(compression: false, checksum: true)
        let one = encoder.gossip([[0x08, 1]])
        #expect(one.datagrams == [PacketChecksum.add(to: [0x08, 1])])
        let many = encoder.gossip([[0x08, 1], [0x08, 2], Array(repeating: 8, count: 1397)])
        #expect(many.included == [0, 1])
        #expect(many.datagrams.count == 1)
        #expect(try PacketDecoder().decode(many.datagrams[0]).messages == [.user([1]), .user([2])])
        #expect(encoder.gossip([]).datagrams.isEmpty)
    }

    @Test func encodeSplitsLongMessageListsIntoCompounds() throws {
        let messages = (0..<300).map { Message.nack(NackResponse(seqNo: UInt32($0))) }
        let datagrams = PacketEncoder(compression: false, checksum: false).encode(messages)
        #expect(datagrams.count == 2)
        let decoded = try datagrams.flatMap { try PacketDecoder().decode($0).messages }
        #expect(decoded == messages)
        #expect(PacketEncoder(compression: false, checksum: false).encode([ack]) == [ack.encoded])
    }
}
