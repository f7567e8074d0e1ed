import TocsinWire
import Foundation
import SwiftProtobuf
import Testing

@testable import StateStore

@Suite("Framing and checksums")
struct DelimitedMessagesTests {
    @Test func varintsRoundTripAcrossByteBoundaries() {
        for value: UInt64 in [0, 1, 127, 128, 137, 16383, 16384, UInt64(UInt32.max), UInt64.max] {
            var bytes: [UInt8] = []
            DelimitedMessages.appendVarint(value, to: &bytes)
            var offset = 0
            #expect(DelimitedMessages.readVarint(bytes, at: &offset) == value)
            #expect(offset == bytes.count)
        }
        // Alertmanager's nflog snapshot starts with 0x89 0x01: a length of 137.
        var offset = 0
        #expect(DelimitedMessages.readVarint([0x89, 0x01], at: &offset) == 137)
    }

    @Test func truncatedMessageReportsItsOffset() throws {
        var mesh = Silencepb_MeshSilence()
        mesh.silence.id = "x"
        var bytes = try DelimitedMessages.encode(mesh)
        let second = bytes.count
        bytes += try DelimitedMessages.encode(mesh)
        bytes.removeLast()
        #expect {
            _ = try DelimitedMessages.decode(Silencepb_MeshSilence.self, from: bytes)
        } throws: { error in
            (error as? DelimitedMessages.DecodingError)?.offset == second
        }
    }

    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    @Test func goTimestampsKeepNanosecondsAndGoZero() {
        let zero = GoTimestamp(has: false, Google_Protobuf_Timestamp())
        #expect(zero.isZero)
        #expect(zero < GoTimestamp(seconds: 0, nanos: 0))
        let instant = GoTimestamp(seconds: 1_795_560_307, nanos: 980_684_483)
        #expect(instant.adding(3600) == GoTimestamp(seconds: 1_795_563_907, nanos: 980_684_483))
        #expect(GoTimestamp(has: true, instant.protobuf) == instant)
        #expect(GoTimestamp(Date(timeIntervalSince1970: -1.5)) == GoTimestamp(seconds: -2, nanos: 500_000_000))
    }
}
