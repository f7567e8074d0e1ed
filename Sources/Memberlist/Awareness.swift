/// memberlist's local health score ("Lifeguard" awareness): how much this node distrusts its own view.
///
/// The score rises when we must refute accusations or our probes fail without nacks to blame the target, and
/// falls with each successful probe. Probe intervals are stretched by `score + 1`, so a struggling node slows
/// down instead of wrongly accusing healthy peers.
public struct Awareness: Sendable, Hashable {
    /// The score, always in `0..<maxMultiplier`.
    public private(set) var score: Int
    /// memberlist's `AwarenessMaxMultiplier` (8).
    public let maxMultiplier: Int

    /// A healthy node (score 0).
    public init(maxMultiplier: Int = 8) {
        self.maxMultiplier = max(1, maxMultiplier)
        self.score = 0
    }

    /// Moves the score by `delta`, clamped to `0..<maxMultiplier`.
    public mutating func apply(_ delta: Int) {
        score = min(max(score + delta, 0), maxMultiplier - 1)
    }

    /// `timeout` stretched by the current health: `timeout × (score + 1)`.
    public func scale(_ timeout: Duration) -> Duration {
        timeout * (score + 1)
    }
}
