import TocsinModel
/// A duration in Go's `time.Duration` syntax (`1m30s`, `1.5h`, `300ms`).
///
/// Only Pushover's `retry` and `expire` use it in alertmanager.yml; they print back as Go prints them
/// (`1m0s`, `1h0m0s`), which differs from Prometheus durations.
public struct GoDuration: Sendable, Hashable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// Makes a duration of the given number of nanoseconds.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// The same length as a Swift `Duration`.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    private static let units: [(String, Double)] = [
        ("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9),
    ]

    /// Parses with `time.ParseDuration`'s rules and messages.
    public init(parsing text: String) throws(ConfigError) {
        let quoted = GoQuote.quote(text)
        var rest = Substring(text)
        var negative = false
        if let sign = rest.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" {
            nanoseconds = 0
            return
        }
        if rest.isEmpty { throw ConfigError("time: invalid duration \(quoted)") }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            if number.isEmpty || number == "." || number.filter({ $0 == "." }).count > 1 {
                throw ConfigError("time: invalid duration \(quoted)")
            }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix(while: { !($0.isASCII && ($0.isNumber || $0 == ".")) })
            if unit.isEmpty { throw ConfigError("time: missing unit in duration \(quoted)") }
            guard let scale = Self.units.first(where: { $0.0 == unit })?.1 else {
                throw ConfigError("time: unknown unit \(GoQuote.quote(String(unit))) in duration \(quoted)")
            }
            rest = rest.dropFirst(unit.count)
            total += (Double(number) ?? 0) * scale
        }
        if total > 9.223372036854775e18 { throw ConfigError("time: invalid duration \(quoted)") }
        nanoseconds = Int64(negative ? -total : total)
    }

    /// Go's `Duration.String()`: `1h0m0s`, `1.5s`, `300ms`, `0s`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        if magnitude < 1_000_000_000 {
            if magnitude < 1000 { return "\(sign)\(magnitude)ns" }
            if magnitude < 1_000_000 { return sign + Self.fraction(magnitude, 1000) + "µs" }
            return sign + Self.fraction(magnitude, 1_000_000) + "ms"
        }
        let hours = magnitude / 3_600_000_000_000
        let minutes = magnitude / 60_000_000_000 % 60
        let seconds = Self.fraction(magnitude % 60_000_000_000, 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)" }
        return sign + seconds
    }

    private static func fraction(_ value: UInt64, _ unit: UInt64) -> String {
        let whole = value / unit
        var remainder = value % unit
        if remainder == 0 { return "\(whole)" }
        var digits = ""
        var scale = unit / 10
        while remainder > 0, scale > 0 {
            digits += "\(remainder / scale)"
            remainder %= scale
            scale /= 10
        }
        return "\(whole).\(digits)"
    }
}
