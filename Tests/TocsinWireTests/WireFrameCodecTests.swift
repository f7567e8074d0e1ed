import Foundation
import NIOCore
import NIOEmbedded
import Testing
import TocsinWire

@Suite struct WireFrameCodecTests {
    private func makeChannel(maximumFrameSize: Int = 1024) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers(
            ByteToMessageHandler(WireFrameDecoder(maximumFrameSize: maximumFrameSize)),
            MessageToByteHandler(WireFrameEncoder(maximumFrameSize: maximumFrameSize))
        )
        return channel
    }

    private func sampleFrame() -> WireFrame {
        var hello = WireHello()
        hello.protocolVersion = WireProtocol.version
        hello.role = .notifier
        hello.instance = "notifier-3"
        hello.pid = 4242
        return WireFrame(.hello(hello))
    }

    /// Everything the encoder wrote, as one buffer.
    private func drainOutbound(_ channel: EmbeddedChannel) throws -> ByteBuffer {
        var all = ByteBuffer()
        while var part = try channel.readOutbound(as: ByteBuffer.self) {
            all.writeBuffer(&part)
        }
        return all
    }

    @Test func frameSurvivesARoundTripFedOneByteAtATime() throws {
        let channel = try self.makeChannel()
        try channel.writeOutbound(self.sampleFrame())
        let wire = try self.drainOutbound(channel)
        #expect(wire.getInteger(at: 0, as: UInt32.self) == UInt32(wire.readableBytes - 4))

        for byte in wire.readableBytesView {
            try channel.writeInbound(ByteBuffer(bytes: [byte]))
        }
        let decoded = try #require(try channel.readInbound(as: WireFrame.self))
        #expect(decoded == self.sampleFrame())
        #expect(try channel.readInbound(as: WireFrame.self) == nil)
    }

    @Test func severalFramesInOneReadAreAllDelivered() throws {
        let channel = try self.makeChannel()
        var request = WireRequest(id: 7, body: .ping(WirePing()))
        try channel.writeOutbound(WireFrame(.request(request)))
        request.id = 8
        try channel.writeOutbound(WireFrame(.request(request)))
        try channel.writeInbound(try self.drainOutbound(channel))
        let first = try #require(try channel.readInbound(as: WireFrame.self))
        let second = try #require(try channel.readInbound(as: WireFrame.self))
        guard case .request(let a) = first.kind, case .request(let b) = second.kind else {
            Issue.record("expected two requests")
            return
        }
        #expect([a.id, b.id] == [7, 8])
    }

    @Test func oversizedLengthIsRejectedBeforeThePayloadArrives() throws {
        let channel = try self.makeChannel(maximumFrameSize: 64)
        var prefix = ByteBuffer()
        prefix.writeInteger(UInt32(65))
        #expect(throws: WireProtocolError.frameTooLarge(length: 65, maximum: 64)) {
            try channel.writeInbound(prefix)
        }
    }

    @Test func undecodablePayloadIsAnError() throws {
        let channel = try self.makeChannel()
        var garbage = ByteBuffer()
        garbage.writeInteger(UInt32(3))
        garbage.writeBytes([0xff, 0xff, 0xff])
        #expect(throws: WireProtocolError.self) {
            try channel.writeInbound(garbage)
        }
    }

    @Test func encoderRefusesFramesOverTheMaximum() throws {
        let channel = try self.makeChannel(maximumFrameSize: 16)
        var ping = WirePing()
        ping.payload = Data(repeating: 1, count: 100)
        #expect(throws: WireProtocolError.self) {
            try channel.writeOutbound(WireFrame(.request(WireRequest(id: 1, body: .ping(ping)))))
        }
    }
}
