import TocsinModel

/// The order in which Alertmanager lists the alerts of a flushed group (types.AlertSlice.Less): by `job`,
/// then `instance` (an alert that has the label sorts before one that lacks it), then by label set
/// (`LabelSet.Before`: fewer labels first, then by the values of the union of names in name order).
///
/// Notification payloads and templates see alerts in this order, so it has to be exact, byte-wise.
public enum AlertOrder {
    /// Whether `lhs` sorts strictly before `rhs`.
    public static func areInIncreasingOrder(_ lhs: Alert, _ rhs: Alert) -> Bool {
        SortKey(lhs) < SortKey(rhs)
    }

    /// An alert with its `job` and `instance` looked up once, for sorting a whole group cheaply.
    struct SortKey: Comparable {
        let alert: Alert
        let job: String?
        let instance: String?

        init(_ alert: Alert) {
            self.alert = alert
            job = alert.labels["job"]
            instance = alert.labels["instance"]
        }

        static func == (lhs: SortKey, rhs: SortKey) -> Bool {
            !(lhs < rhs) && !(rhs < lhs)
        }

        static func < (lhs: SortKey, rhs: SortKey) -> Bool {
            if let ordered = AlertOrder.compare(lhs.job, rhs.job) ?? AlertOrder.compare(lhs.instance, rhs.instance) {
                return ordered
            }
            return AlertOrder.labelSetPrecedes(lhs.alert.labels, rhs.alert.labels)
        }
    }

    /// The verdict of one override label, or nil when it does not decide (both missing or equal).
    private static func compare(_ left: String?, _ right: String?) -> Bool? {
        switch (left, right) {
        case (nil, nil): return nil
        case (nil, _): return false
        case (_, nil): return true
        case (let left?, let right?): return left.goEqual(right) ? nil : left.goPrecedes(right)
        }
    }

    /// prometheus/common `LabelSet.Before`: a total order on label sets used for alerts and groups.
    public static func labelSetPrecedes(_ lhs: LabelSet, _ rhs: LabelSet) -> Bool {
        if lhs.count != rhs.count {
            return lhs.count < rhs.count
        }
        var names = lhs.names + rhs.names
        names.sort { $0.goPrecedes($1) }
        for name in names {
            guard let left = lhs[name] else { return true }
            guard let right = rhs[name] else { return false }
            if !left.goEqual(right) {
                return left.goPrecedes(right)
            }
        }
        return false
    }
}
