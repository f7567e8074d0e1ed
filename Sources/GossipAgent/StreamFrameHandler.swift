import Memberlist
import NIOCore

/// Reads one memberlist stream message from a TCP connection and hands it (or the failure) to `completion`
/// exactly once; the connection is closed by whoever answers, or after `timeout` if nobody does.
///
/// Streams are one-shot in memberlist (dial, one message each way, close), so nothing after the first
/// message is read.
final class StreamFrameHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The connection closed or failed before a whole message arrived.
    struct StreamEnded: Error, CustomStringConvertible {
        var description: String { "stream closed before a complete message" }
    }

    private var buffered: [UInt8] = []
    private var completion: (@Sendable (Result<StreamFrame, any Error>, any Channel) -> Void)?
    private let decoder = StreamDecoder()
    private let timeout: TimeAmount

    init(timeout: TimeAmount, completion: @escaping @Sendable (Result<StreamFrame, any Error>, any Channel) -> Void) {
        self.timeout = timeout
        self.completion = completion
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let channel = context.channel
        context.eventLoop.scheduleTask(in: self.timeout) { channel.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard self.completion != nil else { return }
        var bytes = self.unwrapInboundIn(data)
        self.buffered += bytes.readBytes(length: bytes.readableBytes) ?? []
        do {
            if case .frame(let frame, _) = try self.decoder.decode(self.buffered) {
                self.finish(.success(frame), channel: context.channel)
            }
        } catch {
            self.finish(.failure(error), channel: context.channel)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.finish(.failure(StreamEnded()), channel: context.channel)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish(.failure(error), channel: context.channel)
        context.close(promise: nil)
    }

    private func finish(_ result: Result<StreamFrame, any Error>, channel: any Channel) {
        guard let completion = self.completion else { return }
        self.completion = nil
        self.buffered = []
        completion(result, channel)
    }
}
