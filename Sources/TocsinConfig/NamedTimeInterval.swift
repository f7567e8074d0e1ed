import Foundation
import Yams

/// A named set of time intervals, referenced by routes' `mute_time_intervals` and
/// `active_time_intervals`; it is active when any of its elements contains the instant.
public struct NamedTimeInterval: Sendable, Hashable {
    /// The name routes refer to (unique across `time_intervals` and `mute_time_intervals`).
    public var name: String
    /// The elements; an empty list is never active.
    public var timeIntervals: [TimeInterval]

    /// Makes a named interval.
    public init(name: String, timeIntervals: [TimeInterval]) {
        self.name = name
        self.timeIntervals = timeIntervals
    }

    /// Whether any element contains the instant.
    public func contains(_ date: Date) -> Bool {
        timeIntervals.contains { $0.contains(date) }
    }

    static func decode(_ node: Node, _ d: StrictDecoder, missingName: String) throws(ConfigError) -> NamedTimeInterval {
        var interval = NamedTimeInterval(name: "", timeIntervals: [])
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "name": interval.name = d.string(value, interval.name)
                case "time_intervals":
                    interval.timeIntervals = try d.list(value, "[]timeinterval.TimeInterval") { (item) throws(ConfigError) in
                        try TimeInterval.decode(item, d)
                    } ?? interval.timeIntervals
                default: return false
                }
                return true
            }
        }
        if clean, interval.name.isEmpty { throw ConfigError(missingName) }
        return interval
    }

    var rendered: Node {
        var out = YAMLRender()
        out.string("name", name, omitEmpty: false)
        out.add("time_intervals", timeIntervals.isEmpty ? Node([Node]()) : Node(timeIntervals.map { $0.rendered.node }))
        return out.node
    }
}
