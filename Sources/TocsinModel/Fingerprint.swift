/// An alert's identity: Alertmanager's 64-bit fingerprint of its label set.
///
/// Computed as prometheus/common `labelSetToFingerprint`: FNV-1a 64 over `name 0xFF value 0xFF` for each label
/// in name order; the empty set hashes to the FNV offset basis. Printed as `%016x`, like the API's `fingerprint`.
public struct Fingerprint: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The 64-bit FNV-1a value.
    public var rawValue: UInt64

    /// Wraps a raw fingerprint value.
    public init(rawValue: UInt64) {
        self.rawValue = rawValue
    }

    /// The fingerprint of a label set.
    public init(labelSet: LabelSet) {
        var hash = FNV1a64()
        for label in labelSet.labels {
            hash.add(label.name.utf8)
            hash.add(0xFF)
            hash.add(label.value.utf8)
            hash.add(0xFF)
        }
        rawValue = hash.value
    }

    /// Parses hex digits as Go's `model.ParseFingerprint` does (`strconv.ParseUint(s, 16, 64)`).
    public init?(hex: String) {
        let isHexDigit: (UInt8) -> Bool = { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }
        guard !hex.isEmpty, hex.utf8.allSatisfy(isHexDigit), let value = UInt64(hex, radix: 16) else {
            return nil
        }
        rawValue = value
    }

    public static func < (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
        lhs.rawValue < rhs.rawValue
    }

    /// 16 lower-case hex digits, zero-padded.
    public var description: String {
        let digits = String(rawValue, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let parsed = Fingerprint(hex: text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "invalid fingerprint \(text)"))
        }
        self = parsed
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
