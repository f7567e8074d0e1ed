import Foundation

/// Where the pipeline reads the time and waits: the wall clock in the daemon, a manual clock in tests,
/// so dedup windows, backoff and deadlines are tested without sleeping.
public protocol NotifyClock: Sendable {
    /// The current instant (Alertmanager 0.25 dedups against the wall clock).
    func now() -> Date
    /// Waits `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock.
public struct WallClock: NotifyClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
