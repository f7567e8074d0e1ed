/// A bounds-checked reader for the protobuf wire format, enough for `clusterpb` and for splitting
/// Alertmanager's varint-delimited streams.
///
/// Every length is checked against the bytes that remain before it is used, and unknown fields are skipped
/// (varint, fixed64, length-delimited, fixed32) as gogo's generated unmarshalers skip them. Groups, long
/// obsolete, are refused.
public struct ProtobufReader: Sendable {
    /// Why bytes are not valid protobuf.
    public enum Error: Swift.Error, Sendable, Hashable, CustomStringConvertible {
        case unexpectedEOF
        case varintOverflow
        case invalidWireType(Int)
        case invalidFieldNumber

        public var description: String {
            switch self {
            case .unexpectedEOF: return "unexpected EOF"
            case .varintOverflow: return "proto: integer overflow"
            case .invalidWireType(let type): return "proto: illegal wireType \(type)"
            case .invalidFieldNumber: return "proto: illegal tag 0"
            }
        }
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    /// A reader over `bytes`.
    public init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// Whether every byte has been read.
    public var isAtEnd: Bool { position >= bytes.endIndex }

    /// Reads a base-128 varint of at most 10 bytes.
    public mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.endIndex else { throw Error.unexpectedEOF }
            guard shift < 64 else { throw Error.varintOverflow }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    /// Reads the next field key: its number and wire type.
    public mutating func readKey() throws -> (field: Int, wireType: Int) {
        let key = try readVarint()
        let field = key >> 3
        guard field > 0, field <= UInt64(Int32.max) else { throw Error.invalidFieldNumber }
        return (Int(field), Int(key & 7))
    }

    /// Reads the body of a length-delimited field.
    public mutating func readLengthDelimited() throws -> ArraySlice<UInt8> {
        let length = try readVarint()
        guard length <= UInt64(bytes.endIndex - position) else { throw Error.unexpectedEOF }
        let start = position
        position += Int(length)
        return bytes[start..<position]
    }

    /// Skips a field's value of `wireType`.
    public mutating func skip(wireType: Int) throws {
        switch wireType {
        case 0:
            _ = try readVarint()
        case 1, 5:
            let size = wireType == 1 ? 8 : 4
            guard bytes.endIndex - position >= size else { throw Error.unexpectedEOF }
            position += size
        case 2:
            _ = try readLengthDelimited()
        default:
            throw Error.invalidWireType(wireType)
        }
    }

    /// Splits a `pbutil.WriteDelimited` stream (`varint(len) || message`, repeated) into its messages.
    public static func splitDelimited(_ bytes: ArraySlice<UInt8>) throws -> [ArraySlice<UInt8>] {
        var reader = ProtobufReader(bytes)
        var messages: [ArraySlice<UInt8>] = []
        while !reader.isAtEnd {
            messages.append(try reader.readLengthDelimited())
        }
        return messages
    }
}
