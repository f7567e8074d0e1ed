/// The waits between delivery attempts: cenkalti/backoff v4's `ExponentialBackOff` as Alertmanager's
/// RetryStage configures it (notify.go): 500 ms initial, ×1.5 each time, ±50 % jitter, intervals capped at
/// 60 s, never giving up on its own (the job's deadline stops the loop).
///
/// A value: the pipeline owns one per delivery and the jitter comes in as a number, so tests pin it.
public struct RetryBackoff: Sendable, Hashable {
    public static let initialInterval: Duration = .milliseconds(500)
    public static let multiplier = 1.5
    public static let randomizationFactor = 0.5
    public static let maximumInterval: Duration = .seconds(60)

    /// The interval the next wait is drawn around.
    public private(set) var currentInterval: Duration = Self.initialInterval

    public init() {}

    /// The wait before the next attempt, for `random` in 0..<1 (0.5 gives the unjittered interval);
    /// advances the interval.
    public mutating func nextWait(random: Double) -> Duration {
        let current = self.currentInterval.seconds
        let delta = Self.randomizationFactor * current
        let low = current - delta
        let wait = low + random * (2 * delta)
        let maximum = Self.maximumInterval.seconds
        self.currentInterval = current >= maximum / Self.multiplier ? Self.maximumInterval : .seconds(current * Self.multiplier)
        return .nanoseconds(Int64((wait * 1e9).rounded()))
    }
}
