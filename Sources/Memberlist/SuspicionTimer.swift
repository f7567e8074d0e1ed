import Foundation

/// memberlist's suspicion timeout (`suspicion.go`): how long a suspected member has to refute before it is
/// declared dead, shrinking as independent peers confirm the suspicion.
///
/// It starts at `max` when `k` confirmations are expected and at `min` when none are, and after `n`
/// confirmations the total is `max - log(n+1)/log(k+1) × (max - min)`, floored to milliseconds and never
/// below `min`. Each peer counts once, and the one that raised the suspicion counts as already seen.
public struct SuspicionTimer: Sendable, Hashable {
    /// Confirmations expected before the timeout reaches `min`.
    public let k: Int
    /// The shortest the timeout can become.
    public let minimum: Duration
    /// The timeout with no confirmations when some are expected.
    public let maximum: Duration
    /// Confirmations received so far (not counting the originator).
    public private(set) var confirmations: Int
    private var confirmedBy: Set<String>

    /// A fresh suspicion raised by `from`.
    public init(from: String, k: Int, minimum: Duration, maximum: Duration) {
        self.k = k
        self.minimum = minimum
        self.maximum = maximum
        self.confirmations = 0
        self.confirmedBy = [from]
    }

    /// memberlist's `suspicionTimeout`: `multiplier × max(1, log10(max(1, nodes))) × probeInterval`, with the
    /// scale truncated to thousandths as Go's integer arithmetic does.
    public static func minimumTimeout(multiplier: Int, nodes: Int, probeInterval: Duration) -> Duration {
        let scale = Swift.max(1.0, log10(Double(Swift.max(1, nodes))))
        let milli = Int64(scale * 1000)
        let intervalNanos = probeInterval.nanoseconds
        return .nanoseconds(Int64(multiplier) * milli * intervalNanos / 1000)
    }

    /// Records a confirmation from `peer`; false when it adds nothing (already counted, or `k` reached).
    public mutating func confirm(from peer: String) -> Bool {
        guard confirmations < k, !confirmedBy.contains(peer) else { return false }
        confirmedBy.insert(peer)
        confirmations += 1
        return true
    }

    /// The total time from the start of the suspicion until the member is declared dead.
    public var timeout: Duration {
        guard k >= 1 else { return minimum }
        let fraction = log(Double(confirmations) + 1) / log(Double(k) + 1)
        let raw = maximum.seconds - fraction * (maximum.seconds - minimum.seconds)
        let floored = Duration.milliseconds(Int64((raw * 1000).rounded(.down)))
        return Swift.max(floored, minimum)
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    var nanoseconds: Int64 {
        components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000
    }
}
