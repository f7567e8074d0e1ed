/// Streaming FNV-1a 64-bit hash, the function behind Alertmanager's fingerprints (prometheus/common `fnv.go`).
struct FNV1a64 {
    static let offsetBasis: UInt64 = 14_695_981_039_346_656_037
    static let prime: UInt64 = 1_099_511_628_211

    private(set) var value: UInt64 = FNV1a64.offsetBasis

    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= FNV1a64.prime
    }

    mutating func add(_ bytes: String.UTF8View) {
        if let hashed = bytes.withContiguousStorageIfAvailable({ buffer in
            var hash = value
            for byte in buffer {
                hash = (hash ^ UInt64(byte)) &* FNV1a64.prime
            }
            return hash
        }) {
            value = hashed
            return
        }
        for byte in bytes {
            add(byte)
        }
    }
}
