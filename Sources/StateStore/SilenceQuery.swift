import TocsinModel

/// Which silences a query selects; every condition given must hold (silence.go `QIDs`, `QState`,
/// `QMatches`, plus the API's syntactic `filter`).
public struct SilenceQuery: Sendable {
    /// Only these ids (nil: all).
    public var ids: [String]?
    /// Only silences in one of these states at the query time (nil: any state).
    public var states: Set<SilenceState>?
    /// Only silences whose matchers all match this label set (`QMatches`).
    public var matchingLabels: LabelSet?
    /// Only silences that contain each of these matchers with the same name, type and value: the API's
    /// `filter` parameter, which compares matchers as text rather than matching labels.
    public var containingMatchers: [Matcher]?

    /// A query with the given conditions; the default selects every silence.
    public init(
        ids: [String]? = nil,
        states: Set<SilenceState>? = nil,
        matchingLabels: LabelSet? = nil,
        containingMatchers: [Matcher]? = nil
    ) {
        self.ids = ids
        self.states = states
        self.matchingLabels = matchingLabels
        self.containingMatchers = containingMatchers
    }
}
