import Memberlist
import Testing

@Suite struct CompoundMessageTests {
    /// §2.4: a probe ack with a piggybacked dead, `07 02 0012 004f | ack | dead`.
    @Test func capturedAckWithPiggybackedDead() throws {
        let ack = Message.ack(AckResponse(seqNo: 0x2c)).encoded
        let name = "01M87VFEG1RMAXMZPMDVN6QKK6"
        let dead = Message.dead(Dead(incarnation: 1, node: name, from: "01M87VFHE2DY7THRR6A1WGTMC8")).encoded
        #expect(ack.count == 0x12)
        #expect(dead.count == 0x4f)
        let compound = CompoundMessage.make([ack, dead])
        #expect(compound.prefix(6) == Bytes.hex("07 02 0012 004f")[...])
        let (parts, truncated) = try CompoundMessage.split(body: compound.dropFirst())
        #expect(truncated == 0)
        #expect(parts.map(Array.init) == [ack, dead])
    }

    @Test func truncatedTailKeepsCompleteParts() throws {
        let compound = CompoundMessage.make([[1, 2], [3, 4, 5], [6]])
        let (parts, truncated) = try CompoundMessage.split(body: compound.dropFirst().dropLast(2))
        #expect(parts.map(Array.init) == [[1, 2]])
        #expect(truncated == 2)
        #expect(throws: MemberlistError.compoundTruncated(declared: 3, complete: 0)) {
            try CompoundMessage.split(body: [3, 0, 1][...])
        }
        #expect(throws: MemberlistError.compoundTruncated(declared: 0, complete: 0)) { try CompoundMessage.split(body: [][...]) }
    }

    @Test func longListsSplitInto255PartCompounds() throws {
        let parts = (0..<600).map { [UInt8(truncatingIfNeeded: $0)] }
        let compounds = CompoundMessage.makeSplitting(parts)
        #expect(compounds.map { $0[1] } == [255, 255, 90])
        let rejoined = try compounds.flatMap { try CompoundMessage.split(body: $0.dropFirst()).parts.map(Array.init) }
        #expect(rejoined == parts)
    }
}
