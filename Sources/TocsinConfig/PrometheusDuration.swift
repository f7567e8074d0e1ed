import TocsinModel
/// A duration written the way Prometheus writes them (`30s`, `1h30m`, `1y`), as used for every
/// timer in alertmanager.yml.
///
/// It keeps Prometheus' rules exactly: units in the fixed order y w d h m s ms, each at most once, whole
/// numbers only, `1y` is 365 days, and a bare `0` is allowed. Values are milliseconds, so printing
/// a parsed duration gives back the canonical spelling Alertmanager shows in `config.original`.
public struct PrometheusDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The length in milliseconds.
    public var milliseconds: Int64

    /// Makes a duration of the given number of milliseconds.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// Makes a duration of the given whole number of seconds.
    public init(seconds: Int64) {
        self.milliseconds = seconds * 1000
    }

    /// The length in seconds, for timers.
    public var seconds: Double { Double(milliseconds) / 1000 }

    /// The same length as a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }

    // Prometheus' units, largest first (prometheus/common model/time.go).
    private static let units: [(suffix: String, ms: Int64)] = [
        ("y", 365 * 24 * 3_600_000), ("w", 7 * 24 * 3_600_000), ("d", 24 * 3_600_000),
        ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    /// Parses a Prometheus duration, failing with Prometheus' own messages
    /// (`empty duration string`, `not a valid duration string: "5x"`).
    public init(parsing text: String) throws(ConfigError) {
        if text.isEmpty { throw ConfigError("empty duration string") }
        if text == "0" {
            self.milliseconds = 0
            return
        }
        let invalid = ConfigError("not a valid duration string: \(GoQuote.quote(text))")
        let bytes = Array(text.utf8)
        var index = 0
        var nextUnit = 0
        var total: Int64 = 0
        while index < bytes.count {
            var value: Int64 = 0
            let digitsStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int64(bytes[index] - 48))
                value = overflow1 || overflow2 ? Int64.max : sum
                index += 1
            }
            if index == digitsStart { throw invalid }
            // "ms" must be tried before "m" so that 5ms is not read as 5m followed by garbage.
            var matched: Int?
            for unitIndex in nextUnit..<Self.units.count {
                let suffix = Array(Self.units[unitIndex].suffix.utf8)
                guard index + suffix.count <= bytes.count, Array(bytes[index..<index + suffix.count]) == suffix else {
                    continue
                }
                let after = index + suffix.count
                if suffix == [109], after < bytes.count, bytes[after] == 115 { continue }
                matched = unitIndex
                index = after
                break
            }
            guard let unitIndex = matched else { throw invalid }
            // Go keeps durations in nanoseconds, so anything past ~292 years is out of range.
            let limit = Int64.max / 1_000_000
            let (product, overflow) = value.multipliedReportingOverflow(by: Self.units[unitIndex].ms)
            let (sum, overflow2) = total.addingReportingOverflow(product)
            if overflow || overflow2 || sum > limit { throw ConfigError("duration out of range") }
            total = sum
            nextUnit = unitIndex + 1
        }
        self.milliseconds = total
    }

    /// The canonical Prometheus spelling (`1h30m`, `0s` for zero), as `model.Duration.String` prints it.
    public var description: String {
        var remaining = milliseconds
        if remaining == 0 { return "0s" }
        var text = ""
        if remaining < 0 {
            text = "-"
            remaining = -remaining
        }
        for (position, unit) in Self.units.enumerated() {
            // Years and weeks are printed only when exact: 90d reads better than 12w6d.
            if position < 2, remaining % unit.ms != 0 { continue }
            let count = remaining / unit.ms
            if count > 0 {
                text += "\(count)\(unit.suffix)"
                remaining -= count * unit.ms
            }
        }
        return text
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.milliseconds < rhs.milliseconds }
}
