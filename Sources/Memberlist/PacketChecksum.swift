/// memberlist's CRC header (`[0x0c][crc32 IEEE big-endian][payload]`), added to UDP packets for peers whose
/// protocol maximum is 5 or more and checked only at the top of a packet.
public enum PacketChecksum {
    /// Bytes the header adds.
    public static let overhead = 5

    /// Verifies and removes a leading CRC header; input without one (or shorter than 5 bytes, as memberlist
    /// tests it) comes back unchanged with `checked` false.
    public static func strip(_ bytes: ArraySlice<UInt8>) throws -> (checked: Bool, rest: ArraySlice<UInt8>) {
        guard bytes.count >= overhead, bytes.first == MessageType.hasCRC.rawValue else { return (false, bytes) }
        let start = bytes.startIndex
        var received: UInt32 = 0
        for index in (start + 1)...(start + 4) {
            received = received << 8 | UInt32(bytes[index])
        }
        let rest = bytes[(start + overhead)...]
        let computed = CRC32.checksum(rest)
        guard received == computed else {
            throw MemberlistError.checksumMismatch(received: received, computed: computed)
        }
        return (true, rest)
    }

    /// `payload` behind a CRC header.
    public static func add(to payload: [UInt8]) -> [UInt8] {
        let crc = CRC32.checksum(payload)
        var out: [UInt8] = [MessageType.hasCRC.rawValue]
        out.reserveCapacity(overhead + payload.count)
        for shift in stride(from: 24, through: 0, by: -8) {
            out.append(UInt8(truncatingIfNeeded: crc >> UInt32(shift)))
        }
        out.append(contentsOf: payload)
        return out
    }
}
