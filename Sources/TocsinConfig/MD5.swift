import Foundation

/// MD5 (RFC 1321), for the one place Alertmanager uses it: `alertmanager_config_hash` is the first six bytes
/// of the MD5 of the config file, read as a little-endian integer. Not for anything security-related.
public enum MD5 {
    /// The 16-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        var state: (UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476)
        var padded = message
        padded.append(0x80)
        while padded.count % 64 != 56 { padded.append(0) }
        let bitLength = UInt64(message.count) &* 8
        for shift in stride(from: 0, to: 64, by: 8) { padded.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }

        var words = [UInt32](repeating: 0, count: 16)
        for blockStart in stride(from: 0, to: padded.count, by: 64) {
            for index in 0..<16 {
                let base = blockStart + index * 4
                words[index] =
                    UInt32(padded[base]) | UInt32(padded[base + 1]) << 8 | UInt32(padded[base + 2]) << 16 | UInt32(padded[base + 3]) << 24
            }
            var (a, b, c, d) = state
            for step in 0..<64 {
                var mixed: UInt32
                let wordIndex: Int
                switch step {
                case 0..<16:
                    mixed = (b & c) | (~b & d)
                    wordIndex = step
                case 16..<32:
                    mixed = (d & b) | (~d & c)
                    wordIndex = (5 &* step &+ 1) % 16
                case 32..<48:
                    mixed = b ^ c ^ d
                    wordIndex = (3 &* step &+ 5) % 16
                default:
                    mixed = c ^ (b | ~d)
                    wordIndex = (7 &* step) % 16
                }
                mixed = mixed &+ a &+ sines[step] &+ words[wordIndex]
                a = d
                d = c
                c = b
                b = b &+ ((mixed << shifts[step]) | (mixed >> (32 - shifts[step])))
            }
            state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d)
        }
        var digest: [UInt8] = []
        for word in [state.0, state.1, state.2, state.3] {
            for shift in stride(from: 0, to: 32, by: 8) { digest.append(UInt8(truncatingIfNeeded: word >> UInt32(shift))) }
        }
        return digest
    }

    private static let shifts: [UInt32] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ]

    /// floor(abs(sin(i + 1)) × 2^32), RFC 1321's table T.
    private static let sines: [UInt32] = (0..<64).map { index in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(index + 1))) * 4_294_967_296).rounded(.down)))
    }
}

extension AlertmanagerConfig {
    /// `alertmanager_config_hash`: the first six bytes of the MD5 of the file text as a little-endian number
    /// (Alertmanager's `md5HashAsMetricValue`), so a dashboard comparing hashes across a fleet sees the same
    /// value for the same file whichever of Tocsin and Alertmanager loaded it.
    public var metricHash: Double {
        let digest = MD5.digest(Array(originalText.utf8))
        var value: UInt64 = 0
        for (index, byte) in digest.prefix(6).enumerated() {
            value |= UInt64(byte) << UInt64(index * 8)
        }
        return Double(value)
    }
}
