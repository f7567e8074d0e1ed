/// Alertmanager's `clusterpb.FullState{repeated Part parts = 1}`: the user state of a push/pull, one
/// ``ClusterPart`` per registered state (`"nfl"`, `"sil"`), in Go map-iteration (random) order.
///
/// Every part is written even when empty (`0a 05 0a 03 "sil"`), since the field is non-nullable in Go.
public struct ClusterFullState: Sendable, Hashable {
    /// The parts in wire order.
    public var parts: [ClusterPart]

    /// A full state of `parts`.
    public init(parts: [ClusterPart]) {
        self.parts = parts
    }

    /// Decodes a full state; Alertmanager drops the whole state when this fails.
    public init(protobuf bytes: ArraySlice<UInt8>) throws {
        var reader = ProtobufReader(bytes)
        var parts: [ClusterPart] = []
        while !reader.isAtEnd {
            let (field, wireType) = try reader.readKey()
            if field == 1 {
                guard wireType == 2 else { throw ProtobufReader.Error.invalidWireType(wireType) }
                parts.append(try ClusterPart(protobuf: reader.readLengthDelimited()))
            } else {
                try reader.skip(wireType: wireType)
            }
        }
        self.parts = parts
    }

    /// The protobuf encoding.
    public var protobuf: [UInt8] {
        var writer = ProtobufWriter()
        for part in parts {
            writer.writeLengthDelimited(field: 1, part.protobuf)
        }
        return writer.bytes
    }
}
