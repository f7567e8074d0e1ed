/// Writes metrics in the Prometheus text exposition format (version 0.0.4), the way client_golang writes
/// them for Alertmanager: `# HELP` and `# TYPE` once per family, labels sorted, floats in Go's shortest
/// `%g` form (`1.7955701141727712e+09`), so dashboards and recording rules read Tocsin's output unchanged.
public struct PrometheusExposition: Sendable {
    public private(set) var text = ""

    public init() {}

    /// One gauge family, with a sample per label set.
    public mutating func gauge(_ name: String, help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
        self.family(name, help: help, type: "gauge")
        for sample in samples {
            self.sample(name, labels: sample.labels, value: sample.value)
        }
    }

    /// A gauge with a single unlabelled sample.
    public mutating func gauge(_ name: String, help: String, _ value: Double) {
        self.gauge(name, help: help, [([], value)])
    }

    /// A counter with a single unlabelled sample.
    public mutating func counter(_ name: String, help: String, _ value: Double) {
        self.family(name, help: help, type: "counter")
        self.sample(name, labels: [], value: value)
    }

    /// One counter family, with a sample per label set.
    public mutating func counter(_ name: String, help: String, _ samples: [(labels: [(String, String)], value: Double)]) {
        self.family(name, help: help, type: "counter")
        for sample in samples {
            self.sample(name, labels: sample.labels, value: sample.value)
        }
    }

    /// A summary without quantiles (what Alertmanager's duration summaries expose): `_sum` and `_count`.
    public mutating func summary(_ name: String, help: String, sum: Double, count: UInt64) {
        self.family(name, help: help, type: "summary")
        self.sample("\(name)_sum", labels: [], value: sum)
        self.sample("\(name)_count", labels: [], value: Double(count))
    }

    /// A histogram: cumulative `_bucket` samples (the last one `+Inf`), `_sum` and `_count`.
    public mutating func histogram(_ name: String, help: String, upperBounds: [Double], cumulativeCounts: [UInt64], sum: Double, count: UInt64) {
        self.family(name, help: help, type: "histogram")
        for (bound, cumulative) in zip(upperBounds, cumulativeCounts) {
            self.sample("\(name)_bucket", labels: [("le", Self.format(bound))], value: Double(cumulative))
        }
        self.sample("\(name)_bucket", labels: [("le", "+Inf")], value: Double(count))
        self.sample("\(name)_sum", labels: [], value: sum)
        self.sample("\(name)_count", labels: [], value: Double(count))
    }

    private mutating func family(_ name: String, help: String, type: String) {
        self.text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }

    private mutating func sample(_ name: String, labels: [(String, String)], value: Double) {
        self.text += name
        if !labels.isEmpty {
            let rendered = labels.sorted { $0.0 < $1.0 }.map { "\($0.0)=\"\(Self.escape($0.1))\"" }
            self.text += "{" + rendered.joined(separator: ",") + "}"
        }
        self.text += " \(Self.format(value))\n"
    }

    private static func escape(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`: the shortest digits that round-trip, in exponent form
    /// when the decimal exponent is below -4 or at least 6 (the rule for the shortest precision).
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (negative, digits, exponent) = Self.shortestDigits(value)
        var out = negative ? "-" : ""
        if exponent < -4 || exponent >= 6 {
            out += String(digits.first!)
            if digits.count > 1 {
                out += "." + digits.dropFirst()
            }
            out += exponent < 0 ? "e-" : "e+"
            let magnitude = abs(exponent)
            out += magnitude < 10 ? "0\(magnitude)" : "\(magnitude)"
        } else if exponent < 0 {
            out += "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if digits.count <= exponent + 1 {
            out += digits + String(repeating: "0", count: exponent + 1 - digits.count)
        } else {
            out += digits.prefix(exponent + 1) + "." + digits.dropFirst(exponent + 1)
        }
        return out
    }

    /// The sign, the significant digits and the decimal exponent of the first digit, from Swift's
    /// shortest round-tripping description.
    private static func shortestDigits(_ value: Double) -> (Bool, String, Int) {
        var description = "\(abs(value))"
        var exponent = 0
        if let e = description.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(description[description.index(after: e)...])!
            description = String(description[..<e])
        }
        let parts = description.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = integer + fraction
        var firstDigitExponent = exponent + integer.count - 1
        while digits.first == "0" && digits.count > 1 {
            digits.removeFirst()
            firstDigitExponent -= 1
        }
        while digits.last == "0" && digits.count > 1 {
            digits.removeLast()
        }
        return (value < 0, digits, firstDigitExponent)
    }
}
