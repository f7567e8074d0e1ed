/// The few protobuf encodings `clusterpb` needs (varints, length-delimited fields), written the way Go's
/// gogo-generated marshalers write them: fields in number order, proto3 zero values left out by the caller.
public struct ProtobufWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// An empty writer.
    public init() {}

    /// Appends a base-128 varint.
    public mutating func writeVarint(_ value: UInt64) {
        var remaining = value
        while remaining >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: remaining) | 0x80)
            remaining >>= 7
        }
        bytes.append(UInt8(remaining))
    }

    /// Appends a field key (field number and wire type).
    public mutating func writeKey(field: Int, wireType: Int) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType))
    }

    /// Appends a length-delimited field (wire type 2): strings, bytes and embedded messages.
    public mutating func writeLengthDelimited(field: Int, _ value: some Collection<UInt8>) {
        writeKey(field: field, wireType: 2)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Appends a varint field (wire type 0).
    public mutating func writeVarintField(field: Int, _ value: UInt64) {
        writeKey(field: field, wireType: 0)
        writeVarint(value)
    }

    /// `messages` as `varint(len) || message` each, the `pbutil.WriteDelimited` stream Alertmanager puts in a
    /// `Part.data` (one MeshSilence or MeshEntry after another).
    public static func delimited(_ messages: [[UInt8]]) -> [UInt8] {
        var writer = ProtobufWriter()
        for message in messages {
            writer.writeVarint(UInt64(message.count))
            writer.bytes.append(contentsOf: message)
        }
        return writer.bytes
    }
}
