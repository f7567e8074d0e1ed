/// What the marker knows about one alert (types.AlertStatus): its state and what mutes it.
///
/// The state is derived, never set on its own: suppressed iff either list is non-empty, which is the
/// invariant Alertmanager's marker keeps.
public struct AlertMarkerStatus: Sendable, Hashable {
    /// The derived state.
    public private(set) var state: AlertState
    /// Ids of the active silences muting the alert, sorted.
    public private(set) var silencedBy: [String]
    /// Fingerprint (`%016x`) of the alert inhibiting it; Alertmanager records at most one.
    public private(set) var inhibitedBy: [String]

    /// The status of an alert no muting stage has seen yet.
    public static let unprocessed = AlertMarkerStatus(state: .unprocessed, silencedBy: [], inhibitedBy: [])

    private init(state: AlertState, silencedBy: [String], inhibitedBy: [String]) {
        self.state = state
        self.silencedBy = silencedBy
        self.inhibitedBy = inhibitedBy
    }

    /// A processed status with the given lists; the state follows from them.
    public init(silencedBy: [String], inhibitedBy: [String]) {
        self.init(state: .active, silencedBy: silencedBy, inhibitedBy: inhibitedBy)
        updateState()
    }

    mutating func setSilencedBy(_ ids: [String]) {
        silencedBy = ids.sorted { $0.goPrecedes($1) }
        updateState()
    }

    mutating func setInhibitedBy(_ ids: [String]) {
        inhibitedBy = ids
        updateState()
    }

    private mutating func updateState() {
        state = silencedBy.isEmpty && inhibitedBy.isEmpty ? .active : .suppressed
    }
}
