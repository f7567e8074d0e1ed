import Foundation

/// Node names as Alertmanager makes them: a fresh ULID per start (26 characters of Crockford base32, 48 bits
/// of milliseconds then 80 random bits), so a restarted node is a new member and names sort by start time.
public enum NodeName {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new ULID for `date`.
    public static func ulid(at date: Date = Date()) -> String {
        var generator = SystemRandomNumberGenerator()
        return ulid(at: date, using: &generator)
    }

    /// A ULID for `date` drawing its random part from `generator`.
    public static func ulid<G: RandomNumberGenerator>(at date: Date, using generator: inout G) -> String {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes: [UInt8] = (0..<6).map { UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - $0))) }
        bytes += (0..<10).map { _ in UInt8.random(in: 0...255, using: &generator) }
        // 128 bits as 26 five-bit digits: the value is read as 130 bits with two leading zeros.
        func bit(_ index: Int) -> UInt8 {
            guard index >= 0 else { return 0 }
            return (bytes[index / 8] >> (7 - UInt8(index % 8))) & 1
        }
        let digits = (0..<26).map { digit -> UInt8 in
            var value: UInt8 = 0
            for offset in 0..<5 {
                value = value << 1 | bit(digit * 5 + offset - 2)
            }
            return alphabet[Int(value)]
        }
        return String(decoding: digits, as: UTF8.self)
    }
}
