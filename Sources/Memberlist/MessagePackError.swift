/// Why msgpack bytes could not be read as a value or as a memberlist struct.
///
/// Each case carries enough context to say which field or byte was at fault; `description` reads like the
/// go-msgpack message where one exists, because that is what a peer operator will search for.
public enum MessagePackError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The input ended inside a value. On a TCP stream this means "read more"; in a datagram it is fatal.
    case truncated
    /// A format byte that msgpack reserves (`0xc1`) or that memberlist never uses (the ext family).
    case unsupportedFormat(UInt8)
    /// Containers nested deeper than the decoder's limit.
    case nestingTooDeep(limit: Int)
    /// A declared length or element count larger than the bytes that remain, refused before allocating.
    case lengthExceedsInput(declared: UInt64, remaining: Int)
    /// A struct was expected but the value is not a map.
    case notAMap
    /// A struct map has a key that is not a raw string.
    case nonStringKey
    /// A struct field holds a value of the wrong msgpack kind.
    case typeMismatch(field: String, expected: String)
    /// An integer field holds a value outside its Go type's range.
    case integerOverflow(field: String, value: String)

    public var description: String {
        switch self {
        case .truncated:
            return "msgpack decode error: unexpected EOF"
        case .unsupportedFormat(let byte):
            return "msgpack decode error: unsupported format byte 0x\(String(byte, radix: 16))"
        case .nestingTooDeep(let limit):
            return "msgpack decode error: nesting deeper than \(limit)"
        case .lengthExceedsInput(let declared, let remaining):
            return "msgpack decode error: length \(declared) exceeds the \(remaining) bytes left"
        case .notAMap:
            return "msgpack decode error: expected a map for a struct"
        case .nonStringKey:
            return "msgpack decode error: struct map key is not a string"
        case .typeMismatch(let field, let expected):
            return "msgpack decode error [field \(field)]: expected \(expected)"
        case .integerOverflow(let field, let value):
            return "msgpack decode error [field \(field)]: overflow integer: \(value)"
        }
    }
}
