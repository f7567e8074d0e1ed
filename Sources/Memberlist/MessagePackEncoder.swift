/// Writes msgpack exactly as go-msgpack v0.5's `MsgpackHandle{}` does, so that real memberlist peers read
/// what we send and a decoded message re-encodes to the bytes it came from.
///
/// The invariants are Go's: integers take their smallest form and non-negative signed values use the
/// unsigned forms; raw values use fixraw, raw16 or raw32 (never str8, which Go never emits); floats are
/// written at the width they carry; map entries keep the order the caller gave.
public enum MessagePackEncoder {
    /// The encoding of `value`.
    public static func encode(_ value: MessagePackValue) -> [UInt8] {
        var out: [UInt8] = []
        append(value, to: &out)
        return out
    }

    /// Appends the encoding of `value` to `out`.
    public static func append(_ value: MessagePackValue, to out: inout [UInt8]) {
        switch value {
        case .nil:
            out.append(0xc0)
        case .bool(let flag):
            out.append(flag ? 0xc3 : 0xc2)
        case .int(let number):
            appendSigned(number, to: &out)
        case .uint(let number):
            appendUnsigned(number, to: &out)
        case .float32(let number):
            out.append(0xca)
            appendBigEndian(UInt64(number.bitPattern), byteCount: 4, to: &out)
        case .float64(let number):
            out.append(0xcb)
            appendBigEndian(number.bitPattern, byteCount: 8, to: &out)
        case .raw(let bytes):
            appendRawHeader(count: bytes.count, to: &out)
            out.append(contentsOf: bytes)
        case .binary(let bytes):
            if bytes.count <= 0xff {
                out.append(0xc4)
                out.append(UInt8(bytes.count))
            } else if bytes.count <= 0xffff {
                out.append(0xc5)
                appendBigEndian(UInt64(bytes.count), byteCount: 2, to: &out)
            } else {
                out.append(0xc6)
                appendBigEndian(UInt64(bytes.count), byteCount: 4, to: &out)
            }
            out.append(contentsOf: bytes)
        case .array(let elements):
            appendContainerHeader(count: elements.count, fix: 0x90, sixteen: 0xdc, thirtyTwo: 0xdd, to: &out)
            for element in elements {
                append(element, to: &out)
            }
        case .map(let entries):
            appendContainerHeader(count: entries.count, fix: 0x80, sixteen: 0xde, thirtyTwo: 0xdf, to: &out)
            for entry in entries {
                append(entry.key, to: &out)
                append(entry.value, to: &out)
            }
        }
    }

    /// Appends the header of a raw value of `count` bytes: what Go writes before a string or `[]byte`.
    public static func appendRawHeader(count: Int, to out: inout [UInt8]) {
        if count < 32 {
            out.append(0xa0 | UInt8(count))
        } else if count <= 0xffff {
            out.append(0xda)
            appendBigEndian(UInt64(count), byteCount: 2, to: &out)
        } else {
            out.append(0xdb)
            appendBigEndian(UInt64(count), byteCount: 4, to: &out)
        }
    }

    static func appendUnsigned(_ number: UInt64, to out: inout [UInt8]) {
        if number <= 0x7f {
            out.append(UInt8(number))
        } else if number <= 0xff {
            out.append(0xcc)
            out.append(UInt8(number))
        } else if number <= 0xffff {
            out.append(0xcd)
            appendBigEndian(number, byteCount: 2, to: &out)
        } else if number <= 0xffff_ffff {
            out.append(0xce)
            appendBigEndian(number, byteCount: 4, to: &out)
        } else {
            out.append(0xcf)
            appendBigEndian(number, byteCount: 8, to: &out)
        }
    }

    static func appendSigned(_ number: Int64, to out: inout [UInt8]) {
        let pattern = UInt64(bitPattern: number)
        if number >= 0 {
            appendUnsigned(UInt64(number), to: &out)
        } else if number >= -32 {
            out.append(UInt8(truncatingIfNeeded: pattern))
        } else if number >= Int64(Int8.min) {
            out.append(0xd0)
            out.append(UInt8(truncatingIfNeeded: pattern))
        } else if number >= Int64(Int16.min) {
            out.append(0xd1)
            appendBigEndian(pattern, byteCount: 2, to: &out)
        } else if number >= Int64(Int32.min) {
            out.append(0xd2)
            appendBigEndian(pattern, byteCount: 4, to: &out)
        } else {
            out.append(0xd3)
            appendBigEndian(pattern, byteCount: 8, to: &out)
        }
    }

    static func appendContainerHeader(
        count: Int, fix: UInt8, sixteen: UInt8, thirtyTwo: UInt8, to out: inout [UInt8]
    ) {
        if count < 16 {
            out.append(fix | UInt8(count))
        } else if count <= 0xffff {
            out.append(sixteen)
            appendBigEndian(UInt64(count), byteCount: 2, to: &out)
        } else {
            out.append(thirtyTwo)
            appendBigEndian(UInt64(count), byteCount: 4, to: &out)
        }
    }

    static func appendBigEndian(_ number: UInt64, byteCount: Int, to out: inout [UInt8]) {
        var shift = (byteCount - 1) * 8
        while shift >= 0 {
            out.append(UInt8(truncatingIfNeeded: number >> UInt64(shift)))
            shift -= 8
        }
    }
}
