/// The identity of an aggregation group (dispatch.go `aggrGroup.GroupKey()`): `routeKey:groupLabels`, e.g.
/// `{}/{severity="critical"}:{alertname="A", instance="i2"}`.
///
/// It is the `groupKey` of webhook payloads and the key of nflog entries, so the text must be byte-identical
/// to Alertmanager's for deduplication to work across a mixed cluster.
public struct GroupKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The key text.
    public let rawValue: String

    /// Wraps an existing key text (e.g. one read from the nflog).
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The key of the group with `groupLabels` under the route with `routeKey`.
    public init(routeKey: RouteKey, groupLabels: LabelSet) {
        rawValue = routeKey.rawValue + ":" + groupLabels.description
    }

    /// The SHA-256 of the key in lower-case hex (notify.go `Key.Hash()`); integrations with length limits
    /// (PagerDuty dedup key, Opsgenie alias, VictorOps entity id) send this instead of the key.
    public var hash: String {
        SHA256.hexDigest(Array(rawValue.utf8))
    }

    public static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
        lhs.rawValue.goLess(rhs.rawValue)
    }

    public var description: String { rawValue }
}
