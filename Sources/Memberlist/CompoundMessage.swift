/// memberlist's compound message: `[0x07][N u8][len_1 u16 BE]...[len_N u16 BE][msg_1]...[msg_N]`, several
/// whole messages in one UDP packet.
///
/// A part never carries a CRC (that is checked only at the top of a packet) but may be compressed. On read, a
/// truncated tail is tolerated as memberlist tolerates it: the complete parts are returned and the missing
/// ones counted. On write, a compound holds at most 255 parts of at most 65535 bytes each.
public enum CompoundMessage {
    /// The most parts one compound can carry (the count is one byte).
    public static let maxParts = 255
    /// Bytes a compound adds around its parts: the type byte and the count byte.
    public static let headerOverhead = 2
    /// Bytes each part adds to a compound: its u16 length.
    public static let partOverhead = 2

    /// The parts of a compound message whose body (after the `0x07` type byte) is `body`.
    ///
    /// `truncated` counts parts the header announced but the body did not hold; bytes after the last part
    /// are ignored.
    public static func split(body: ArraySlice<UInt8>) throws -> (parts: [ArraySlice<UInt8>], truncated: Int) {
        guard let count = body.first.map(Int.init) else {
            throw MemberlistError.compoundTruncated(declared: 0, complete: 0)
        }
        var position = body.startIndex + 1
        guard body.endIndex - position >= count * 2 else {
            throw MemberlistError.compoundTruncated(declared: count, complete: 0)
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        for _ in 0..<count {
            lengths.append(Int(body[position]) << 8 | Int(body[position + 1]))
            position += 2
        }
        var parts: [ArraySlice<UInt8>] = []
        parts.reserveCapacity(count)
        for length in lengths {
            guard body.endIndex - position >= length else {
                return (parts, count - parts.count)
            }
            parts.append(body[position..<(position + length)])
            position += length
        }
        return (parts, 0)
    }

    /// One compound message holding `parts` in order.
    ///
    /// - Precondition: at most ``maxParts`` parts, each at most 65535 bytes (a UDP packet cannot hold more).
    public static func make(_ parts: [[UInt8]]) -> [UInt8] {
        precondition(parts.count <= maxParts, "a compound message holds at most 255 parts")
        var out: [UInt8] = [MessageType.compound.rawValue, UInt8(parts.count)]
        out.reserveCapacity(2 + parts.count * 2 + parts.reduce(0) { $0 + $1.count })
        for part in parts {
            precondition(part.count <= 0xffff, "a compound part is at most 65535 bytes")
            out.append(UInt8(part.count >> 8))
            out.append(UInt8(part.count & 0xff))
        }
        for part in parts {
            out.append(contentsOf: part)
        }
        return out
    }

    /// Compounds of at most 255 parts each, as memberlist 0.5's `makeCompoundMessages` splits a long list.
    public static func makeSplitting(_ parts: [[UInt8]]) -> [[UInt8]] {
        stride(from: 0, to: parts.count, by: maxParts).map { start in
            make(Array(parts[start..<min(start + maxParts, parts.count)]))
        }
    }
}
