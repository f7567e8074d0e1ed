import NIOCore
import SwiftProtobuf

/// Writes each outgoing ``WireFrame`` as a 4-byte big-endian length followed by its protobuf encoding.
///
/// A frame over ``maximumFrameSize`` fails its write instead of being sent: the peer would only close the
/// connection on it, taking every other request in flight down with it.
public struct WireFrameEncoder: MessageToByteEncoder {
    public typealias OutboundIn = WireFrame

    /// The largest payload this side sends, in bytes.
    public let maximumFrameSize: Int

    public init(maximumFrameSize: Int = WireProtocol.defaultMaximumFrameSize) {
        self.maximumFrameSize = maximumFrameSize
    }

    public func encode(data: WireFrame, out: inout ByteBuffer) throws {
        let payload: [UInt8] = try data.serializedBytes()
        guard payload.count <= self.maximumFrameSize else {
            throw WireProtocolError.frameTooLarge(length: payload.count, maximum: self.maximumFrameSize)
        }
        out.reserveCapacity(minimumWritableBytes: WireProtocol.lengthPrefixSize + payload.count)
        out.writeInteger(UInt32(payload.count))
        out.writeBytes(payload)
    }
}
