/// The `compress` struct of a compress message (`[0x09]{Algo, Buf}`): a whole message or stream, LZW-packed.
///
/// memberlist knows one algorithm, LZW (0); any other is refused on decompression, as Go refuses it.
public struct CompressedPayload: MessagePackConvertible {
    /// The algorithm number; 0 is LZW, the only one defined.
    public var algorithm: UInt8
    /// The compressed bytes.
    public var buffer: [UInt8]

    /// A payload with `buffer` compressed by `algorithm`.
    public init(algorithm: UInt8 = 0, buffer: [UInt8]) {
        self.algorithm = algorithm
        self.buffer = buffer
    }

    /// LZW-compresses `plain` as memberlist's `compressPayload` does.
    public init(compressing plain: some Collection<UInt8>) {
        self.init(algorithm: 0, buffer: LZW.compress(plain))
    }

    /// The decompressed bytes, at most `maxOutputBytes` of them.
    public func decompressed(maxOutputBytes: Int) throws -> [UInt8] {
        guard algorithm == 0 else { throw MemberlistError.unknownCompression(algorithm) }
        return try LZW.decompress(buffer, maxOutputBytes: maxOutputBytes)
    }

    public init(messagePack: MessagePackValue) throws {
        let fields = try MessagePackStruct(messagePack)
        algorithm = try fields.unsigned("Algo", as: UInt8.self)
        buffer = try fields.bytes("Buf")
    }

    public var messagePack: MessagePackValue {
        MessagePackStruct(fields: [
            ("Algo", .uint(UInt64(algorithm))),
            ("Buf", .raw(buffer)),
        ]).value
    }

    /// The full compress message, `[0x09]` followed by this struct.
    public var message: [UInt8] {
        [MessageType.compress.rawValue] + messagePackBytes
    }
}
