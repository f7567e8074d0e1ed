import CCrypt
import Dispatch
import Foundation
import Synchronization

/// Checks a password against a bcrypt hash with libxcrypt's `crypt_r`, off the cooperative pool (a bcrypt
/// check costs tens to hundreds of milliseconds by design), and remembers recent answers as
/// exporter-toolkit does, so a dashboard polling every few seconds pays the cost once.
public final class PasswordVerifier: Sendable {
    private let answers = Mutex<[String: Bool]>([:])
    private let capacity: Int

    public init(capacity: Int = 100) {
        self.capacity = capacity
    }

    /// Whether `password` hashes to `hash`.
    public func matches(password: String, hash: String) async -> Bool {
        let key = "\(hash)\u{0}\(password)"
        if let known = answers.withLock({ $0[key] }) { return known }
        let result = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: Self.crypt(password: password, hash: hash))
            }
        }
        answers.withLock { answers in
            if answers.count >= capacity { answers.removeAll(keepingCapacity: true) }
            answers[key] = result
        }
        return result
    }

    private static func crypt(password: String, hash: String) -> Bool {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(password, hash, data) else { return false }
        let computed = Array(String(cString: result).utf8)
        let expected = Array(hash.utf8)
        // Compare in constant time: how long the comparison takes must not tell how much matched.
        guard computed.count == expected.count, !computed.isEmpty, computed.first != UInt8(ascii: "*") else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(computed, expected) { difference |= a ^ b }
        return difference == 0
    }
}
