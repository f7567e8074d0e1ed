import TocsinModel
import Yams

/// A `route` block as written in alertmanager.yml, before inheritance (Alertmanager's `config.Route`).
///
/// Decoding applies `Route.UnmarshalYAML`'s checks (label names, `group_by` wildcard rules, non-zero
/// intervals); `Route` turns the tree into the resolved routing tree.
public struct RouteConfig: Sendable, Hashable {
    public var receiver = ""
    /// `group_by` as written (including `...`).
    public var groupByStrings: [String] = []
    /// The label names of `group_by`, without `...`.
    public var groupBy: [String] = []
    /// Whether `group_by` is `['...']`.
    public var groupByAll = false
    /// Deprecated `match`, sorted by name.
    public var match: [(String, String)] = []
    /// Deprecated `match_re`, sorted by name.
    public var matchRE: [(String, AnchoredRegex)] = []
    /// `matchers`, parsed and sorted.
    public var matchers: [Matcher] = []
    public var muteTimeIntervals: [String] = []
    public var activeTimeIntervals: [String] = []
    public var `continue` = false
    public var routes: [RouteConfig] = []
    public var groupWait: PrometheusDuration?
    public var groupInterval: PrometheusDuration?
    public var repeatInterval: PrometheusDuration?

    /// An empty route.
    public init() {}

    /// Whether the route has any matcher of any of the three kinds.
    public var hasMatchers: Bool { !match.isEmpty || !matchRE.isEmpty || !matchers.isEmpty }

    /// The route's own matchers, combined and sorted as `dispatch.NewRoute` does.
    public var allMatchers: Matchers {
        LegacyMatchers.combine(equal: match, regex: matchRE, matchers: matchers)
    }

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> RouteConfig {
        var r = RouteConfig()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "receiver": r.receiver = d.string(value, r.receiver)
                case "group_by": r.groupByStrings = d.stringList(value, r.groupByStrings)
                case "match": r.match = LegacyMatchers.decodeEqual(value, d) ?? r.match
                case "match_re": r.matchRE = try LegacyMatchers.decodeRegex(value, d) ?? r.matchRE
                case "matchers": r.matchers = try LegacyMatchers.decodeMatchers(value, d) ?? r.matchers
                case "mute_time_intervals": r.muteTimeIntervals = d.stringList(value, r.muteTimeIntervals)
                case "active_time_intervals": r.activeTimeIntervals = d.stringList(value, r.activeTimeIntervals)
                case "continue": r.continue = d.bool(value, r.continue)
                case "routes":
                    r.routes = try d.list(value, "[]*config.Route") { (item) throws(ConfigError) in
                        StrictDecoder.isNull(item) ? nil : try RouteConfig.decode(item, d)
                    } ?? r.routes
                case "group_wait": r.groupWait = try d.duration(value, r.groupWait)
                case "group_interval": r.groupInterval = try d.duration(value, r.groupInterval)
                case "repeat_interval": r.repeatInterval = try d.duration(value, r.repeatInterval)
                default: return false
                }
                return true
            }
        }
        if clean { try r.validate() }
        return r
    }

    private mutating func validate() throws(ConfigError) {
        for (name, _) in match where !LabelName.isValid(name) {
            throw ConfigError("invalid label name \(GoQuote.quote(name))")
        }
        for name in groupByStrings {
            if name == "..." {
                groupByAll = true
            } else {
                if !LabelName.isValid(name) { throw ConfigError("invalid label name \(GoQuote.quote(name)) in group_by list") }
                groupBy.append(name)
            }
        }
        if !groupBy.isEmpty && groupByAll {
            // The doubled "other" is Alertmanager's own wording.
            throw ConfigError("cannot have wildcard group_by (`...`) and other other labels at the same time")
        }
        var seen = Set<String>()
        for name in groupBy {
            if !seen.insert(name).inserted { throw ConfigError("duplicated label \(GoQuote.quote(name)) in group_by") }
        }
        if groupInterval?.milliseconds == 0 { throw ConfigError("group_interval cannot be zero") }
        if repeatInterval?.milliseconds == 0 { throw ConfigError("repeat_interval cannot be zero") }
    }

    var rendered: Node {
        var out = YAMLRender()
        out.string("receiver", receiver)
        out.stringList("group_by", groupByStrings)
        if !match.isEmpty { out.add("match", YAMLRender.map(LegacyMatchers.renderEqual(match))) }
        if !matchRE.isEmpty { out.add("match_re", YAMLRender.map(LegacyMatchers.renderRegex(matchRE))) }
        out.stringList("matchers", matchers.map(\.description))
        out.stringList("mute_time_intervals", muteTimeIntervals)
        out.stringList("active_time_intervals", activeTimeIntervals)
        out.bool("continue", `continue`)
        out.list("routes", routes.map(\.rendered))
        if let groupWait { out.string("group_wait", groupWait.description) }
        if let groupInterval { out.string("group_interval", groupInterval.description) }
        if let repeatInterval { out.string("repeat_interval", repeatInterval.description) }
        return out.node
    }

    public static func == (lhs: RouteConfig, rhs: RouteConfig) -> Bool {
        lhs.rendered == rhs.rendered
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(rendered)
    }
}
