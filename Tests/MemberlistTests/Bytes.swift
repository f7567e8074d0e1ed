/// Test helpers for writing byte vectors as they appear in cluster-protocol.md.
enum Bytes {
    /// The bytes of a hex string; spaces are ignored.
    static func hex(_ text: String) -> [UInt8] {
        let digits = Array(text.filter { !$0.isWhitespace })
        precondition(digits.count % 2 == 0)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
    }

    /// The concatenation of `parts` (cheaper for the type checker than a chain of `+`).
    static func join(_ parts: [[UInt8]]) -> [UInt8] {
        parts.flatMap { $0 }
    }

    /// A go-msgpack raw string: fixraw header and UTF-8 bytes.
    static func raw(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        precondition(bytes.count < 32)
        return [0xa0 | UInt8(bytes.count)] + bytes
    }
}

/// A fixed-seed SplitMix64, so randomized tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
