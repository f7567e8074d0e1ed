import Foundation

/// Where the store reads "now": every rule (expiry, merge, GC) takes its time from here, so tests move time
/// by hand instead of sleeping.
public protocol StateClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The wall clock.
public struct SystemStateClock: StateClock {
    /// The wall clock.
    public init() {}

    public func now() -> Date { Date() }
}
