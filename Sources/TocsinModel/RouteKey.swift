/// The identity of a route in the routing tree, as Alertmanager prints it (dispatch/route.go `Route.Key()`):
/// the parent's key, `/`, then the route's sorted matchers, e.g. `{}/{severity="critical"}`. The root is `{}`.
///
/// Keys are not unique: sibling routes with the same matchers share one, and so share group keys and nflog
/// entries, exactly as in Alertmanager.
public struct RouteKey: Sendable, Hashable, CustomStringConvertible {
    /// The key text.
    public let rawValue: String

    /// Wraps an existing key text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key of a route with `matchers` under `parent` (nil for the root). The matchers are sorted here,
    /// as `NewRoute` sorts them, so callers may pass them in config order.
    public init(parent: RouteKey?, matchers: Matchers) {
        let own = matchers.sorted().description
        if let parent {
            rawValue = parent.rawValue + "/" + own
        } else {
            rawValue = own
        }
    }

    public var description: String { rawValue }
}
