/// The silences that match an alert at some instant, split as Alertmanager's marker keeps them: the alert is
/// muted iff `active` is not empty. Both lists are sorted (silence.go `Silencer.Mutes` sorts the ids).
public struct MutingSilences: Sendable, Hashable {
    /// Ids of matching silences that are active now.
    public var active: [String]
    /// Ids of matching silences that have not started yet.
    public var pending: [String]

    /// A result with the given ids (sorted here, so callers cannot break the invariant).
    public init(active: [String], pending: [String]) {
        self.active = active.sorted()
        self.pending = pending.sorted()
    }

    /// True when at least one active silence matches: the alert is silenced.
    public var isMuted: Bool { !active.isEmpty }
}
