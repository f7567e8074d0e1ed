import Memberlist
import NIOCore
import NIOPosix

/// One outbound memberlist TCP stream: dial, send one message, and (for push/pull and fallback pings) read
/// the one reply, all within a deadline (`--cluster.tcp-timeout`).
enum StreamExchange {
    /// No reply within the time allowed.
    struct TimedOut: Error, CustomStringConvertible {
        let address: NodeAddress
        var description: String { "i/o timeout talking to \(self.address)" }
    }

    /// Sends `message` to `address` and returns the reply, or nil when `expectingReply` is false (the
    /// connection is then closed once the message is written, as `SendReliable` does).
    static func send(
        _ message: StreamMessage, to address: NodeAddress, expectingReply: Bool, timeout: Duration, group: any EventLoopGroup
    ) async throws -> StreamFrame? {
        let eventLoop = group.next()
        let promise = eventLoop.makePromise(of: StreamFrame.self)
        let amount = TimeAmount.nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: eventLoop)
                .connectTimeout(amount)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(
                            StreamFrameHandler(timeout: amount) { result, _ in promise.completeWith(result) }
                        )
                    }
                }
                .connect(to: address.socketAddress())
                .get()
        } catch {
            promise.fail(error)
            throw error
        }
        let timer = eventLoop.scheduleTask(in: amount) { promise.fail(TimedOut(address: address)) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        do {
            try await channel.writeAndFlush(ByteBuffer(bytes: StreamEncoder().encode(message)))
        } catch {
            promise.fail(error)
            throw error
        }
        guard expectingReply else {
            // Nothing to read: settle the promise so that it is not left pending.
            promise.fail(CancellationError())
            return nil
        }
        return try await promise.futureResult.get()
    }
}
