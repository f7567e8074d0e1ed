/// A memberlist struct that travels as a go-msgpack map keyed by its Go field names.
///
/// Conformers write their fields sorted bytewise by Go field name, the order go-msgpack uses, so that what
/// we send is byte-identical to what a Go peer would send for the same values.
public protocol MessagePackConvertible: Sendable, Hashable {
    /// Reads the struct from a decoded map, with Go's leniency (unknown keys skipped, nil is zero).
    init(messagePack: MessagePackValue) throws
    /// The map that encodes the struct.
    var messagePack: MessagePackValue { get }
}

extension MessagePackConvertible {
    /// Decodes the struct from the msgpack bytes at the start of `bytes`; trailing bytes are ignored.
    public init(messagePackBytes bytes: ArraySlice<UInt8>, decoder: MessagePackDecoder = MessagePackDecoder()) throws {
        try self.init(messagePack: decoder.decodeValue(bytes))
    }

    /// The msgpack encoding of the struct.
    public var messagePackBytes: [UInt8] {
        MessagePackEncoder.encode(messagePack)
    }
}
