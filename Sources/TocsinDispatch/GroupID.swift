import TocsinModel

/// Which aggregation group an alert belongs to under one config: the route (its position in a depth-first
/// walk of the routing tree) and the fingerprint of the group labels, as Alertmanager keys
/// `aggrGroupsPerRoute[route][fingerprint]`.
///
/// Route positions change meaning on reload, which is fine because a reload discards every group.
public struct GroupID: Sendable, Hashable {
    /// The route's index in the depth-first, config-order walk of the tree (the root is 0).
    public let routeIndex: Int
    /// The fingerprint of the group labels.
    public let fingerprint: Fingerprint

    /// Identifies the group of `groupLabels` under the route at `routeIndex`.
    public init(routeIndex: Int, fingerprint: Fingerprint) {
        self.routeIndex = routeIndex
        self.fingerprint = fingerprint
    }
}
