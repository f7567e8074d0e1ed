/// Alertmanager's `clusterpb.Part{key string = 1; data bytes = 2}`: one piece of replicated state under its
/// key (`"sil"` for silences, `"nfl"` for the notification log), as a gossip user message, a TCP user message
/// or one element of a push/pull ``ClusterFullState``.
///
/// `data` is a varint-delimited stream of `silencepb.MeshSilence` or `nflogpb.MeshEntry` messages (see
/// ``ProtobufReader/splitDelimited(_:)``); decoding those is the state store's business. Empty fields are left
/// out on encoding, as gogo's marshaler leaves them out, so an empty state has no `data` field at all.
public struct ClusterPart: Sendable, Hashable {
    /// The state's key; Alertmanager ignores a user message with a key it does not know.
    public var key: String
    /// The encoded entries.
    public var data: [UInt8]

    /// A part carrying `data` under `key`.
    public init(key: String, data: [UInt8]) {
        self.key = key
        self.data = data
    }

    /// Decodes a part; unknown fields are skipped, duplicated ones take the last value.
    public init(protobuf bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        var key = ""
        var data: [UInt8] = []
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            switch field {
            case 1, 2:
                guard wireType == 2 else { throw ProtobufReader.Error.invalidWireType(wireType) }
                let value = try reader.readLengthDelimited()
                if field == 1 {
                    key = String(decoding: value, as: UTF8.self)
                } else {
                    data = Array(value)
                }
            default:
                try reader.skip(wireType: wireType)
            }
        }
        self.key = key
        self.data = data
    }

    /// The protobuf encoding.
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        if !key.isEmpty { writer.writeLengthDelimited(field: 1, Array(key.utf8)) }
        if !data.isEmpty { writer.writeLengthDelimited(field: 2, data) }
        return writer.bytes
    }
}
