/// Exponential backoff with a cap and optional jitter, for reconnects and restarts.
///
/// A value type: each user keeps its own, calls ``next()`` for the next wait and ``reset()`` once the thing
/// it retries has worked, so a long-lived connection that drops starts again from the short delay.
public struct Backoff: Sendable, Equatable {
    public let initial: Duration
    public let maximum: Duration
    public let multiplier: Double
    /// Fraction of each delay that is randomised (0 = none, 0.2 = ±20 %), so processes that lost the same
    /// peer do not all retry in the same instant.
    public let jitter: Double
    private var current: Duration

    public init(initial: Duration, maximum: Duration, multiplier: Double = 2, jitter: Double = 0) {
        precondition(initial > .zero && maximum >= initial && multiplier >= 1 && (0...1).contains(jitter))
        self.initial = initial
        self.maximum = maximum
        self.multiplier = multiplier
        self.jitter = jitter
        self.current = initial
    }

    /// The delay before the next attempt; each call grows the following one up to ``maximum``.
    public mutating func next() -> Duration {
        let delay = self.current
        self.current = min(self.maximum, self.current * self.multiplier)
        guard self.jitter > 0 else { return delay }
        return delay * Double.random(in: (1 - self.jitter)...(1 + self.jitter))
    }

    /// Starts again from ``initial``.
    public mutating func reset() {
        self.current = self.initial
    }

    /// The backoff clients use to reconnect to a (re)starting daemon: connecting to a Unix socket is cheap, so
    /// retry quickly (the peer is usually back within milliseconds) and never more than 200 ms apart.
    public static let reconnect = Backoff(initial: .milliseconds(10), maximum: .milliseconds(200), multiplier: 2, jitter: 0.2)
}
