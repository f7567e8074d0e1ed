/// Reads one msgpack value from untrusted bytes without crashing and without allocating more than the
/// input can justify.
///
/// Every declared length or element count is checked against the bytes that remain before anything is
/// reserved (each element needs at least one byte), and container nesting is capped, so the work and
/// memory are linear in the input and a hostile peer cannot exhaust the stack or the heap. Trailing bytes
/// after the value are left alone and reported through `consumed`, because memberlist's TCP streams
/// delimit their messages only by the msgpack structure itself.
public struct MessagePackDecoder: Sendable {
    /// The deepest container nesting accepted. memberlist's structs nest two levels at most.
    public var maxDepth: Int

    /// A decoder that refuses nesting deeper than `maxDepth`.
    public init(maxDepth: Int = 32) {
        self.maxDepth = maxDepth
    }

    /// Decodes the value at the start of `bytes` and says how many bytes it occupied.
    ///
    /// Throws ``MessagePackError/truncated`` when the input ends inside the value.
    public func decode(_ bytes: ArraySlice<UInt8>) throws -> (value: MessagePackValue, consumed: Int) {
        var reader = Reader(bytes: bytes, maxDepth: maxDepth)
        let value = try reader.readValue(depth: 0)
        return (value, reader.position - bytes.startIndex)
    }

    /// Decodes the value at the start of `bytes`, ignoring any trailing bytes as Go's decoder does.
    public func decodeValue(_ bytes: ArraySlice<UInt8>) throws -> MessagePackValue {
        try decode(bytes).value
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        let maxDepth: Int
        var position: Int

        init(bytes: ArraySlice<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
            self.position = bytes.startIndex
        }

        var remaining: Int { bytes.endIndex - position }

        mutating func readByte() throws -> UInt8 {
            guard position < bytes.endIndex else { throw MessagePackError.truncated }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func readBigEndian(_ count: Int) throws -> UInt64 {
            guard remaining >= count else { throw MessagePackError.truncated }
            var number: UInt64 = 0
            for index in position..<(position + count) {
                number = number << 8 | UInt64(bytes[index])
            }
            position += count
            return number
        }

        mutating func readBytes(_ count: UInt64) throws -> [UInt8] {
            guard count <= UInt64(remaining) else {
                throw MessagePackError.truncated
            }
            let length = Int(count)
            defer { position += length }
            return Array(bytes[position..<(position + length)])
        }

        /// Checks that `count` elements of at least `perElement` bytes each can still follow.
        func checkCount(_ count: UInt64, perElement: UInt64) throws -> Int {
            let (needed, overflow) = count.multipliedReportingOverflow(by: perElement)
            guard !overflow, needed <= UInt64(remaining) else {
                throw MessagePackError.lengthExceedsInput(declared: count, remaining: remaining)
            }
            return Int(count)
        }

        mutating func readValue(depth: Int) throws -> MessagePackValue {
            let format = try readByte()
            switch format {
            case 0x00...0x7f:
                return .uint(UInt64(format))
            case 0x80...0x8f:
                return try readMap(count: UInt64(format & 0x0f), depth: depth)
            case 0x90...0x9f:
                return try readArray(count: UInt64(format & 0x0f), depth: depth)
            case 0xa0...0xbf:
                return .raw(try readBytes(UInt64(format & 0x1f)))
            case 0xc0:
                return .nil
            case 0xc2:
                return .bool(false)
            case 0xc3:
                return .bool(true)
            case 0xc4:
                return .binary(try readBytes(try readBigEndian(1)))
            case 0xc5:
                return .binary(try readBytes(try readBigEndian(2)))
            case 0xc6:
                return .binary(try readBytes(try readBigEndian(4)))
            case 0xca:
                return .float32(Float(bitPattern: UInt32(try readBigEndian(4))))
            case 0xcb:
                return .float64(Double(bitPattern: try readBigEndian(8)))
            case 0xcc:
                return .uint(try readBigEndian(1))
            case 0xcd:
                return .uint(try readBigEndian(2))
            case 0xce:
                return .uint(try readBigEndian(4))
            case 0xcf:
                return .uint(try readBigEndian(8))
            case 0xd0:
                return signed(Int64(Int8(truncatingIfNeeded: try readBigEndian(1))))
            case 0xd1:
                return signed(Int64(Int16(truncatingIfNeeded: try readBigEndian(2))))
            case 0xd2:
                return signed(Int64(Int32(truncatingIfNeeded: try readBigEndian(4))))
            case 0xd3:
                return signed(Int64(bitPattern: try readBigEndian(8)))
            case 0xd9:
                return .raw(try readBytes(try readBigEndian(1)))
            case 0xda:
                return .raw(try readBytes(try readBigEndian(2)))
            case 0xdb:
                return .raw(try readBytes(try readBigEndian(4)))
            case 0xdc:
                return try readArray(count: try readBigEndian(2), depth: depth)
            case 0xdd:
                return try readArray(count: try readBigEndian(4), depth: depth)
            case 0xde:
                return try readMap(count: try readBigEndian(2), depth: depth)
            case 0xdf:
                return try readMap(count: try readBigEndian(4), depth: depth)
            case 0xe0...0xff:
                return .int(Int64(Int8(bitPattern: format)))
            default:
                throw MessagePackError.unsupportedFormat(format)
            }
        }

        func signed(_ number: Int64) -> MessagePackValue {
            number >= 0 ? .uint(UInt64(number)) : .int(number)
        }

        mutating func readArray(count: UInt64, depth: Int) throws -> MessagePackValue {
            guard depth < maxDepth else { throw MessagePackError.nestingTooDeep(limit: maxDepth) }
            let length = try checkCount(count, perElement: 1)
            var elements: [MessagePackValue] = []
            elements.reserveCapacity(length)
            for _ in 0..<length {
                elements.append(try readValue(depth: depth + 1))
            }
            return .array(elements)
        }

        mutating func readMap(count: UInt64, depth: Int) throws -> MessagePackValue {
            guard depth < maxDepth else { throw MessagePackError.nestingTooDeep(limit: maxDepth) }
            let length = try checkCount(count, perElement: 2)
            var entries: [MessagePackMapEntry] = []
            entries.reserveCapacity(length)
            for _ in 0..<length {
                let key = try readValue(depth: depth + 1)
                let value = try readValue(depth: depth + 1)
                entries.append(MessagePackMapEntry(key: key, value: value))
            }
            return .map(entries)
        }
    }
}
