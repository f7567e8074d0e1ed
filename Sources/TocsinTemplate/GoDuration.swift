/// A Go `time.Duration` (what `Time.Sub` returns): an int64 of nanoseconds printed Go's way (`1h2m3.5s`).
public struct GoDuration: TemplateObject, Equatable {
    public var nanoseconds: Int64

    /// A duration of `nanoseconds`.
    public init(_ nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public var typeName: String { "time.Duration" }
    public var kindView: TemplateValue? { .int(Int(nanoseconds)) }
    public var stringerDescription: String? { description }

    /// Go's `Duration.String()`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        var u = nanoseconds.magnitude
        let negative = nanoseconds < 0
        var out = ""
        if u < 1_000_000_000 {
            let (unit, precision): (String, Int)
            if u < 1000 {
                (unit, precision) = ("ns", 0)
            } else if u < 1_000_000 {
                (unit, precision) = ("µs", 3)
            } else {
                (unit, precision) = ("ms", 6)
            }
            let (frac, rest) = Self.fraction(u, precision)
            out = String(rest) + frac + unit
        } else {
            let (frac, rest) = Self.fraction(u, 9)
            u = rest
            out = String(u % 60) + frac + "s"
            u /= 60
            if u > 0 {
                out = String(u % 60) + "m" + out
                u /= 60
                if u > 0 { out = String(u) + "h" + out }
            }
        }
        return negative ? "-" + out : out
    }

    /// Go's `fmtFrac`: the fractional digits of `v / 10^precision` without trailing zeros (and without the
    /// dot if all are zero), and the integer part.
    private static func fraction(_ v: UInt64, _ precision: Int) -> (String, UInt64) {
        var v = v
        var digits = ""
        var printed = false
        for _ in 0..<precision {
            let digit = v % 10
            printed = printed || digit != 0
            if printed { digits = String(digit) + digits }
            v /= 10
        }
        return (printed ? "." + digits : "", v)
    }

    /// Go's `String`, `Hours`, `Minutes`, `Seconds`, `Milliseconds`, `Microseconds`, `Nanoseconds`, `Round`
    /// and `Truncate`.
    public func method(named name: String) -> TemplateMethod? {
        let d = self
        let n = Double(nanoseconds)
        switch name {
        case "String": return TemplateMethod([]) { _ in .string(d.description) }
        case "Hours": return TemplateMethod([]) { _ in .float(n / 3.6e12) }
        case "Minutes": return TemplateMethod([]) { _ in .float(n / 6e10) }
        case "Seconds": return TemplateMethod([]) { _ in .float(n / 1e9) }
        case "Milliseconds": return TemplateMethod([]) { _ in .object(GoInt64(d.nanoseconds / 1_000_000)) }
        case "Microseconds": return TemplateMethod([]) { _ in .object(GoInt64(d.nanoseconds / 1000)) }
        case "Nanoseconds": return TemplateMethod([]) { _ in .object(GoInt64(d.nanoseconds)) }
        case "Round", "Truncate":
            return TemplateMethod([.duration]) { args in
                guard case .object(let o) = args[0], let m = o as? GoDuration else { return .invalid }
                return .object(name == "Round" ? d.rounded(to: m.nanoseconds) : d.truncated(to: m.nanoseconds))
            }
        default: return nil
        }
    }

    /// Go's `Duration.Truncate`: toward zero to a multiple of `m` (unchanged if m <= 0).
    public func truncated(to m: Int64) -> GoDuration {
        if m <= 0 { return self }
        return GoDuration(nanoseconds - nanoseconds % m)
    }

    /// Go's `Duration.Round`: halfway values away from zero, saturating.
    public func rounded(to m: Int64) -> GoDuration {
        if m <= 0 { return self }
        var r = nanoseconds % m
        if nanoseconds < 0 {
            r = -r
            if r + r < m { return GoDuration(nanoseconds + r) }
            let (v, o) = nanoseconds.subtractingReportingOverflow(m - r)
            return GoDuration(o ? Int64.min : v)
        }
        if r + r < m { return GoDuration(nanoseconds - r) }
        let (v, o) = nanoseconds.addingReportingOverflow(m - r)
        return GoDuration(o ? Int64.max : v)
    }
}
