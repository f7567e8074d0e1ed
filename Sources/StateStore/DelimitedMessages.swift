import Foundation
import SwiftProtobuf

/// Alertmanager's snapshot and gossip framing (pbutil `WriteDelimited`/`ReadDelimited`): each message is
/// preceded by its length as an unsigned varint, with no header, so a file is just the messages in a row.
enum DelimitedMessages {
    /// Why a delimited stream could not be read, and where: `offset` is the byte at which the bad message
    /// (its length prefix) starts.
    struct DecodingError: Error, Sendable {
        /// Byte offset of the length prefix of the message that failed.
        var offset: Int
        /// What was wrong there.
        var reason: String
    }

    /// Appends `message` with its varint length prefix to `output`.
    static func append(_ message: some SwiftProtobuf.Message, to output: inout [UInt8]) throws {
        let bytes: [UInt8] = try message.serializedBytes()
        appendVarint(UInt64(bytes.count), to: &output)
        output.append(contentsOf: bytes)
    }

    /// One message with its length prefix.
    static func encode(_ message: some SwiftProtobuf.Message) throws -> [UInt8] {
        var output: [UInt8] = []
        try append(message, to: &output)
        return output
    }

    /// Every message in `bytes` with the offset of its length prefix, in order; throws at the first message
    /// that is truncated or not decodable.
    static func decode<M: SwiftProtobuf.Message>(
        _ type: M.Type, from bytes: [UInt8]
    ) throws(DecodingError) -> [(offset: Int, message: M)] {
        var messages: [(offset: Int, message: M)] = []
        var offset = 0
        while offset < bytes.count {
            let start = offset
            guard let length = readVarint(bytes, at: &offset) else {
                throw DecodingError(offset: start, reason: "truncated length prefix")
            }
            guard length <= UInt64(bytes.count - offset) else {
                throw DecodingError(
                    offset: start,
                    reason: "message of \(length) bytes runs past the end (\(bytes.count - offset) bytes left)")
            }
            let end = offset + Int(length)
            do {
                messages.append((start, try M(serializedBytes: Array(bytes[offset..<end]))))
            } catch {
                throw DecodingError(offset: start, reason: "invalid \(M.protoMessageName): \(error)")
            }
            offset = end
        }
        return messages
    }

    /// Appends an unsigned LEB128 varint.
    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    /// Reads an unsigned varint at `offset`, advancing it; nil when the bytes end first or it is too long.
    static func readVarint(_ bytes: [UInt8], at offset: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                return value
            }
            shift += 7
        }
        return nil
    }
}
