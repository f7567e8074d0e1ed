import Memberlist
import NIOCore

/// One UDP datagram and the address it came from.
struct ReceivedDatagram: Sendable {
    var bytes: [UInt8]
    var source: NodeAddress
}

/// Forwards every datagram on the cluster port into the agent's queue, in arrival order; the stream ends
/// when the socket closes.
final class DatagramReceiver: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let continuation: AsyncStream<ReceivedDatagram>.Continuation

    init(continuation: AsyncStream<ReceivedDatagram>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = self.unwrapInboundIn(data)
        guard let source = try? NodeAddress(envelope.remoteAddress),
            let bytes = envelope.data.readBytes(length: envelope.data.readableBytes)
        else { return }
        self.continuation.yield(ReceivedDatagram(bytes: bytes, source: source))
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.continuation.finish()
        context.fireChannelInactive()
    }
}
