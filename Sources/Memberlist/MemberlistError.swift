/// Why bytes received from a peer are not a memberlist packet or stream we can use.
///
/// `description` follows memberlist's log wording where it has one, so that an operator comparing Tocsin's
/// log with an Alertmanager's finds the same words.
public enum MemberlistError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A packet or compound part with no bytes at all.
    case emptyMessage
    /// A type byte memberlist does not define.
    case unknownMessageType(UInt8)
    /// A type memberlist defines but does not accept in this place (for example push/pull over UDP).
    case messageTypeNotSupported(MessageType)
    /// The CRC header does not match the bytes after it.
    case checksumMismatch(received: UInt32, computed: UInt32)
    /// A compress message naming an algorithm other than LZW.
    case unknownCompression(UInt8)
    /// An encrypted message; Alertmanager 0.25 never encrypts and this library does not decrypt.
    case encryptionNotSupported
    /// A label header that is empty or runs past the end of the input.
    case invalidLabel
    /// A compound message whose header promises more parts or bytes than are present.
    case compoundTruncated(declared: Int, complete: Int)
    /// Wrappers (compound, compress) nested deeper than the limit.
    case nestingTooDeep(limit: Int)
    /// A length field in a stream that is negative or larger than the stream limit.
    case invalidLength(field: String, value: Int)
    /// A push/pull lists a node whose protocol version the cluster cannot speak (memberlist's `verifyProtocol`).
    case incompatibleProtocol(node: String)
    /// More data was buffered than the stream limit allows without completing a message.
    case streamTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .emptyMessage:
            return "missing message type byte"
        case .unknownMessageType(let byte):
            return "Received invalid msgType (\(byte))"
        case .messageTypeNotSupported(let type):
            return "msg type (\(type.rawValue)) not supported"
        case .checksumMismatch(let received, let computed):
            return "Got invalid checksum for UDP packet: \(String(received, radix: 16)), \(String(computed, radix: 16))"
        case .unknownCompression(let algorithm):
            return "Cannot decompress unknown algorithm \(algorithm)"
        case .encryptionNotSupported:
            return "encrypted message received but no keyring is configured"
        case .invalidLabel:
            return "failed to read label header"
        case .compoundTruncated(let declared, let complete):
            return "compound request had \(declared - complete) truncated messages"
        case .nestingTooDeep(let limit):
            return "messages nested deeper than \(limit) levels"
        case .invalidLength(let field, let value):
            return "invalid \(field): \(value)"
        case .incompatibleProtocol(let node):
            return "Node '\(node)' protocol version is incompatible"
        case .streamTooLarge(let limit):
            return "stream message larger than \(limit) bytes"
        }
    }
}
