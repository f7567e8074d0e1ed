/// Alertmanager's `clusterpb.MemberlistMessage`, the envelope of its experimental TLS transport: each frame on
/// a TLS connection is `[u32 little-endian length][MemberlistMessage]`.
///
/// A `packet` carries exactly the bytes a UDP datagram would; a `stream` frame opens a connection over which
/// raw stream bytes then flow. `version` must be `"v0.1.0"` exactly or the receiver refuses the frame.
public struct ClusterMemberlistMessage: Sendable, Hashable {
    /// Whether the frame opens a stream or carries a packet; proto3 keeps unknown numbers.
    public enum Kind: Sendable, Hashable {
        case stream
        case packet
        case unrecognized(UInt64)

        /// The number on the wire.
        public var rawValue: UInt64 {
            switch self {
            case .stream: return 0
            case .packet: return 1
            case .unrecognized(let value): return value
            }
        }

        /// The kind with wire number `rawValue`.
        public init(rawValue: UInt64) {
            switch rawValue {
            case 0: self = .stream
            case 1: self = .packet
            default: self = .unrecognized(rawValue)
            }
        }
    }

    /// The only version Alertmanager 0.25 accepts.
    public static let currentVersion = "v0.1.0"

    /// The envelope version (field 1).
    public var version: String
    /// Stream opener or packet (field 2).
    public var kind: Kind
    /// The sender's listener address, `ip:port`, for packets.
    public var fromAddress: String
    /// The packet bytes; empty for a stream opener.
    public var message: [UInt8]

    /// An envelope; the version defaults to the one Alertmanager requires.
    public init(version: String = currentVersion, kind: Kind, fromAddress: String = "", message: [UInt8] = []) {
        self.version = version
        self.kind = kind
        self.fromAddress = fromAddress
        self.message = message
    }

    /// Decodes an envelope; unknown fields are skipped.
    public init(protobuf bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        self.init(version: "", kind: .stream)
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1, 3, 4:
                guard wireType == 2 else { throw ProtobufReader.Error.invalidWireType(wireType) }
                let value = try reader.readLengthDelimited()
                switch field {
                case 1: version = String(decoding: value, as: UTF8.self)
                case 3: fromAddress = String(decoding: value, as: UTF8.self)
                default: message = Array(value)
                }
            case 2:
                guard wireType == 0 else { throw ProtobufReader.Error.invalidWireType(wireType) }
                kind = Kind(rawValue: try reader.readVarint())
            default:
                try reader.skip(wireType: wireType)
            }
        }
    }

    /// The protobuf encoding.
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        if !version.isEmpty { writer.writeLengthDelimited(field: 1, Array(version.utf8)) }
        if kind.rawValue != 0 { writer.writeVarintField(field: 2, kind.rawValue) }
        if !fromAddress.isEmpty { writer.writeLengthDelimited(field: 3, Array(fromAddress.utf8)) }
        if !message.isEmpty { writer.writeLengthDelimited(field: 4, message) }
        return writer.bytes
    }

    /// The envelope as one TLS frame, `[u32 little-endian length][protobuf]` (Alertmanager's `tls_connection.go`).
    /// Each frame must go out in its own TLS write: the receiver buffers at most one record per frame.
    public var framed: [UInt8] {
        let body = protobuf
        let length = UInt32(body.count)
        return [UInt8(length & 0xff), UInt8(length >> 8 & 0xff), UInt8(length >> 16 & 0xff), UInt8(length >> 24)] + body
    }

    /// Reads one frame from the start of `buffered`: nil while the frame is incomplete, otherwise the
    /// envelope and the bytes it occupied. A declared length over `maxFrameBytes` is refused before waiting
    /// or allocating; the version is not checked here (Alertmanager refuses anything but ``currentVersion``).
    public static func unframe(_ buffered: ArraySlice<UInt8>, maxFrameBytes: Int) throws -> (ClusterMemberlistMessage, consumed: Int)? {
        guard buffered.count >= 4 else { return nil }
        let start = buffered.startIndex
        let length = Int(buffered[start]) | Int(buffered[start + 1]) << 8 | Int(buffered[start + 2]) << 16
            | Int(buffered[start + 3]) << 24
        guard length <= maxFrameBytes else { throw MemberlistError.invalidLength(field: "frame length", value: length) }
        guard buffered.count - 4 >= length else { return nil }
        let message = try ClusterMemberlistMessage(protobuf: buffered[(start + 4)..<(start + 4 + length)])
        return (message, 4 + length)
    }
}
