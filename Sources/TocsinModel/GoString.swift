#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level string comparisons, as Go compares strings.
///
/// Swift's `String ==` and `<` compare by Unicode canonical equivalence, while Go (and so Alertmanager)
/// compares raw UTF-8 bytes. Fingerprints, sort orders and matcher equality must follow Go, so the model
/// compares label names and values through these helpers instead. They run on every routing and silencing
/// decision, so they compare contiguous UTF-8 storage directly when it is available.
extension String {
    /// True when both strings have exactly the same UTF-8 bytes (Go's `==`).
    @inlinable
    func goEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else {
            return false
        }
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in
                lhs.count == 0 || memcmp(lhs.baseAddress!, rhs.baseAddress!, lhs.count) == 0
            }
        }
        if let result = fast ?? nil {
            return result
        }
        return utf8.elementsEqual(other.utf8)
    }

    /// Go's `<` on strings: lexicographic order of the UTF-8 bytes.
    @inlinable
    func goLess(_ other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { lhs in
            other.utf8.withContiguousStorageIfAvailable { rhs in
                let common = min(lhs.count, rhs.count)
                let order = common == 0 ? 0 : memcmp(lhs.baseAddress!, rhs.baseAddress!, common)
                return order != 0 ? order < 0 : lhs.count < rhs.count
            }
        }
        if let result = fast ?? nil {
            return result
        }
        return utf8.lexicographicallyPrecedes(other.utf8)
    }

    /// Hashes the UTF-8 bytes, so that hashing agrees with `goEquals`.
    @inlinable
    func goHash(into hasher: inout Hasher) {
        hasher.combine(utf8.count)
        if let done: Void = utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) })
        {
            return done
        }
        for byte in utf8 {
            hasher.combine(byte)
        }
    }
}
