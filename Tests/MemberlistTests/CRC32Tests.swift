import Memberlist
import Testing

@Suite struct CRC32Tests {
    @Test func standardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    /// §6.6: AM2's captured leave, `0c b933020d 05 83 "From" <name> "Incarnation" 01 "Node" <name>`.
    @Test func capturedLeaveChecksum() throws {
        let name = "01M87VFHE2DY7THRR6A1WGTMC8"
        let dead = Message.dead(Dead(incarnation: 1, node: name, from: name)).encoded
        #expect(CRC32.checksum(dead) == 0xb933_020d)
        #expect(PacketChecksum.add(to: dead).prefix(5) == Bytes.hex("0cb933020d")[...])
    }
}
