import TocsinModel

/// A node of the resolved routing tree: its matchers and the options it hands to aggregation groups,
/// after inheritance from its parent (Alertmanager's `dispatch.Route`).
///
/// Inheritance follows `dispatch.NewRoute`: receiver, grouping and the three intervals come from the
/// parent unless the route sets them; `group_by: []` counts as unset; time intervals and `continue` are
/// the route's own. Nodes are immutable, so a tree can be shared between tasks and matched concurrently.
public final class Route: Sendable {
    /// The receiver alerts routed here go to.
    public let receiver: String
    /// Label names alerts are grouped by (sorted); ignored when `groupByAll`.
    public let groupBy: [String]
    /// Group by every label (`group_by: ['...']`).
    public let groupByAll: Bool
    public let groupWait: PrometheusDuration
    public let groupInterval: PrometheusDuration
    public let repeatInterval: PrometheusDuration
    /// Names of the time intervals during which notifications are muted.
    public let muteTimeIntervals: [String]
    /// Names of the time intervals outside which notifications are muted.
    public let activeTimeIntervals: [String]
    /// The route's own matchers, sorted.
    public let matchers: Matchers
    /// Whether matching goes on to the next sibling after this route matched.
    public let `continue`: Bool
    /// The children, in config order.
    public let routes: [Route]
    /// The route's key: parent key, `/`, own matchers (`{}` for the root).
    public let key: RouteKey

    // What a child inherits from its parent.
    private struct Inherited {
        var receiver = ""
        var groupBy: [String] = []
        var groupByAll = false
        var groupWait = PrometheusDuration(seconds: 30)
        var groupInterval = PrometheusDuration(seconds: 300)
        var repeatInterval = PrometheusDuration(seconds: 14_400)
        var key: RouteKey?
    }

    private init(_ config: RouteConfig, inheriting parent: Inherited) {
        var options = parent
        if !config.receiver.isEmpty { options.receiver = config.receiver }
        if !config.groupBy.isEmpty {
            options.groupBy = Array(Set(config.groupBy)).sorted()
            options.groupByAll = false
        } else if config.groupByAll {
            options.groupByAll = true
        }
        options.groupWait = config.groupWait ?? options.groupWait
        options.groupInterval = config.groupInterval ?? options.groupInterval
        options.repeatInterval = config.repeatInterval ?? options.repeatInterval
        let matchers = config.allMatchers
        let key = RouteKey(parent: parent.key, matchers: matchers)
        options.key = key
        receiver = options.receiver
        groupBy = options.groupBy
        groupByAll = options.groupByAll
        groupWait = options.groupWait
        groupInterval = options.groupInterval
        repeatInterval = options.repeatInterval
        muteTimeIntervals = config.muteTimeIntervals
        activeTimeIntervals = config.activeTimeIntervals
        self.matchers = matchers
        `continue` = config.continue
        self.key = key
        routes = config.routes.map { Route($0, inheriting: options) }
    }

    /// Resolves a root route config into the routing tree. The root starts from Alertmanager's defaults
    /// (group_wait 30s, group_interval 5m, repeat_interval 4h, no grouping labels).
    public convenience init(root: RouteConfig) {
        self.init(root, inheriting: Inherited())
    }

    /// Resolves the routing tree of a loaded config.
    public convenience init(config: AlertmanagerConfig) {
        self.init(root: config.route)
    }

    /// The routes an alert with these labels goes to (`Route.Match`): nothing if this node's matchers
    /// fail; otherwise the matches of the children in order, stopping after the first matching child
    /// without `continue`; and this node itself when no child matched.
    public func match(_ labels: LabelSet) -> [Route] {
        guard matchers.matches(labels) else { return [] }
        var all: [Route] = []
        collectChildren(labels, into: &all)
        if all.isEmpty { all.append(self) }
        return all
    }

    private func collectChildren(_ labels: LabelSet, into all: inout [Route]) {
        for child in routes {
            guard child.matchers.matches(labels) else { continue }
            let before = all.count
            child.collectChildren(labels, into: &all)
            if all.count == before { all.append(child) }
            if !child.continue { break }
        }
    }

    /// Visits this node and every descendant, depth first, in config order.
    public func walk(_ visit: (Route) -> Void) {
        visit(self)
        for child in routes { child.walk(visit) }
    }

    /// The labels of an alert that form its group (`group_by`, or all labels for `...`).
    public func groupLabels(of labels: LabelSet) -> LabelSet {
        groupByAll ? labels : labels.selecting(groupBy)
    }
}
