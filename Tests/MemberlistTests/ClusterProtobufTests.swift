import Memberlist
import Testing

@Suite struct ClusterProtobufTests {
    @Test func partGoldenBytesFromTheCapturedSilenceBroadcast() throws {
        let part = ClusterPart(key: "sil", data: Array(repeating: 0x55, count: 0x73))
        #expect(part.protobuf.prefix(7) == Bytes.hex("0a 03 73696c 12 73")[...])
        #expect(try ClusterPart(protobuf: part.protobuf[...]) == part)
        #expect(ClusterPart(key: "nfl", data: []).protobuf == Bytes.hex("0a 03 6e666c"))
    }

    @Test func fullStateRoundTripAndUnknownFields() throws {
        let state = ClusterFullState(parts: [ClusterPart(key: "nfl", data: [1, 2]), ClusterPart(key: "sil", data: [])])
        #expect(try ClusterFullState(protobuf: state.protobuf[...]) == state)
        // field 9 varint, field 1 part with unknown fixed32 field 7, explicit empty data (as the Python agent sent).
        let bytes = Bytes.hex("48 01 0a 0c 0a 03 73696c 3d 01020304 12 00")
        #expect(try ClusterFullState(protobuf: bytes[...]) == ClusterFullState(parts: [ClusterPart(key: "sil", data: [])]))
        #expect(throws: ProtobufReader.Error.unexpectedEOF) { try ClusterFullState(protobuf: Bytes.hex("0a 05 0a 03")[...]) }
        #expect(throws: ProtobufReader.Error.invalidWireType(0)) { try ClusterFullState(protobuf: Bytes.hex("08 01")[...]) }
        #expect(throws: ProtobufReader.Error.invalidWireType(3)) { try ClusterPart(protobuf: Bytes.hex("1b")[...]) }
    }

    @Test func memberlistMessageEnvelope() throws {
        let packet = ClusterMemberlistMessage(kind: .packet, fromAddress: "127.0.0.1:9094", message: [0, 1])
        #expect(packet.protobuf == Bytes.hex("0a 06 76302e312e30 10 01 1a 0e") + Array("127.0.0.1:9094".utf8) + Bytes.hex("22 02 0001"))
        #expect(try ClusterMemberlistMessage(protobuf: packet.protobuf[...]) == packet)
        let stream = ClusterMemberlistMessage(kind: .stream)
        #expect(stream.protobuf == Bytes.hex("0a 06 76302e312e30"))
        #expect(try ClusterMemberlistMessage(protobuf: Bytes.hex("10 07")[...]).kind == .unrecognized(7))
    }

    @Test func tlsFrames() throws {
        let packet = ClusterMemberlistMessage(kind: .packet, fromAddress: "127.0.0.1:9094", message: [0, 1, 2])
        let frame = packet.framed
        #expect(frame.prefix(4) == [UInt8(frame.count - 4), 0, 0, 0])
        for cut in 0..<frame.count {
            #expect(try ClusterMemberlistMessage.unframe(frame[..<cut], maxFrameBytes: 1 << 20) == nil)
        }
        let two = frame + ClusterMemberlistMessage(kind: .stream).framed
        let first = try #require(try ClusterMemberlistMessage.unframe(two[...], maxFrameBytes: 1 << 20))
        #expect(first.0 == packet)
        #expect(first.consumed == frame.count)
        let second = try #require(try ClusterMemberlistMessage.unframe(two[first.consumed...], maxFrameBytes: 1 << 20))
        #expect(second.0.kind == .stream)
        #expect(throws: MemberlistError.invalidLength(field: "frame length", value: 0xffff_ffff)) {
            try ClusterMemberlistMessage.unframe([0xff, 0xff, 0xff, 0xff][...], maxFrameBytes: 1 << 20)
        }
    }

    @Test func delimitedStreams() throws {
        let joined = ProtobufWriter.delimited([[1, 2, 3], [], Array(repeating: 9, count: 200)])
        #expect(joined.prefix(5) == [3, 1, 2, 3, 0])
        #expect(try ProtobufReader.splitDelimited(joined[...]).map(Array.init) == [[1, 2, 3], [], Array(repeating: 9, count: 200)])
        #expect(throws: ProtobufReader.Error.unexpectedEOF) { try ProtobufReader.splitDelimited([5, 1][...]) }
        var reader = ProtobufReader(Array(repeating: 0xff, count: 11)[...])
        #expect(throws: ProtobufReader.Error.varintOverflow) { try reader.readVarint() }
    }
}
