import NIOCore
import SwiftProtobuf

/// Cuts the byte stream into length-prefixed frames and decodes each one as a ``WireFrame``.
///
/// A length over ``maximumFrameSize`` is rejected as soon as the prefix arrives, before any of the payload
/// is buffered, so a hostile length cannot make the process allocate it. Both that and a payload that is not
/// a valid `WireFrame` throw, which makes NIO close this connection; other connections are untouched.
public struct WireFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = WireFrame

    /// The largest payload accepted, in bytes.
    public let maximumFrameSize: Int

    public init(maximumFrameSize: Int = WireProtocol.defaultMaximumFrameSize) {
        self.maximumFrameSize = maximumFrameSize
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt32.self) else {
            return .needMoreData
        }
        guard length <= UInt32(self.maximumFrameSize) else {
            throw WireProtocolError.frameTooLarge(length: Int(length), maximum: self.maximumFrameSize)
        }
        guard buffer.readableBytes >= WireProtocol.lengthPrefixSize + Int(length) else {
            return .needMoreData
        }
        buffer.moveReaderIndex(forwardBy: WireProtocol.lengthPrefixSize)
        let payload = buffer.readSlice(length: Int(length))!
        let frame: WireFrame
        do {
            frame = try WireFrame(serializedBytes: Array(payload.readableBytesView))
        } catch {
            throw WireProtocolError.undecodableFrame(length: Int(length), reason: String(describing: error))
        }
        context.fireChannelRead(Self.wrapInboundOut(frame))
        return .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext,
        buffer: inout ByteBuffer,
        seenEOF: Bool
    ) throws -> DecodingState {
        // A partial frame at EOF is simply dropped with the connection: there is nobody left to answer.
        while try self.decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
