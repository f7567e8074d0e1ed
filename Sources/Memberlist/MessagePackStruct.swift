/// A Go struct as go-msgpack carries it: a map from Go field names to values.
///
/// Reading follows Go's decoder: fields are found by name whatever their order, unknown keys are skipped,
/// missing keys and msgpack nil leave the zero value, any integer width is accepted as long as the value fits
/// the Go type, and a string field refuses the bin family (as Go does) while a byte field accepts raw and bin.
/// Writing goes through ``MessagePackStruct/init(fields:)`` with the fields in Go's order (sorted by name),
/// which is the order real peers put on the wire.
public struct MessagePackStruct: Sendable, Hashable {
    /// The struct's fields in the order they were read or will be written.
    public private(set) var fields: [(name: String, value: MessagePackValue)]

    /// A struct to be written with `fields` in the given order.
    public init(fields: [(name: String, value: MessagePackValue)]) {
        self.fields = fields
    }

    /// Reads a struct from a decoded map; the last occurrence of a duplicated key wins, as in Go.
    public init(_ value: MessagePackValue) throws {
        guard case .map(let entries) = value else {
            if case .nil = value {
                self.fields = []
                return
            }
            throw MessagePackError.notAMap
        }
        var fields: [(name: String, value: MessagePackValue)] = []
        fields.reserveCapacity(entries.count)
        for entry in entries {
            switch entry.key {
            case .raw(let name):
                fields.append((String(decoding: name, as: UTF8.self), entry.value))
            default:
                throw MessagePackError.nonStringKey
            }
        }
        self.fields = fields
    }

    /// The map value that encodes this struct.
    public var value: MessagePackValue {
        .map(fields.map { MessagePackMapEntry(key: .string($0.name), value: $0.value) })
    }

    public static func == (lhs: MessagePackStruct, rhs: MessagePackStruct) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    /// The value stored under `name`, or nil when the key is absent (the last one wins).
    public func field(_ name: String) -> MessagePackValue? {
        fields.last(where: { $0.name == name })?.value
    }

    /// A Go `string` field.
    public func string(_ name: String) throws -> String {
        switch field(name) {
        case nil, .nil?:
            return ""
        case .raw(let bytes)?:
            return String(decoding: bytes, as: UTF8.self)
        default:
            throw MessagePackError.typeMismatch(field: name, expected: "string")
        }
    }

    /// A Go `[]byte` field, where nil and an empty raw both read as empty.
    public func bytes(_ name: String) throws -> [UInt8] {
        try optionalBytes(name) ?? []
    }

    /// A Go `[]byte` field, keeping msgpack nil (`0xc0`) apart from an empty raw (`0xa0`) so that a
    /// re-encoding reproduces what the peer sent.
    public func optionalBytes(_ name: String) throws -> [UInt8]? {
        switch field(name) {
        case nil, .nil?:
            return nil
        case .raw(let bytes)?, .binary(let bytes)?:
            return bytes
        default:
            throw MessagePackError.typeMismatch(field: name, expected: "bytes")
        }
    }

    /// A Go `bool` field.
    public func bool(_ name: String) throws -> Bool {
        switch field(name) {
        case nil, .nil?:
            return false
        case .bool(let flag)?:
            return flag
        default:
            throw MessagePackError.typeMismatch(field: name, expected: "bool")
        }
    }

    /// A Go unsigned integer field of type `T` (`uint8`, `uint16`, `uint32`).
    public func unsigned<T: FixedWidthInteger & UnsignedInteger>(_ name: String, as type: T.Type) throws -> T {
        switch field(name) {
        case nil, .nil?:
            return 0
        case .uint(let number)?:
            guard let fitted = T(exactly: number) else {
                throw MessagePackError.integerOverflow(field: name, value: String(number))
            }
            return fitted
        case .int(let number)?:
            throw MessagePackError.integerOverflow(field: name, value: String(number))
        default:
            throw MessagePackError.typeMismatch(field: name, expected: "unsigned integer")
        }
    }

    /// A Go `int` field (64-bit on the platforms memberlist runs on).
    public func signed(_ name: String) throws -> Int {
        switch field(name) {
        case nil, .nil?:
            return 0
        case .uint(let number)?:
            guard let fitted = Int(exactly: number) else {
                throw MessagePackError.integerOverflow(field: name, value: String(number))
            }
            return fitted
        case .int(let number)?:
            return Int(number)
        default:
            throw MessagePackError.typeMismatch(field: name, expected: "integer")
        }
    }
}
