import Foundation
import Yams

/// How gopkg.in/yaml.v2 reads plain scalars, which decides both type errors on load and quoting on output.
///
/// Alertmanager parses with yaml.v2 (YAML 1.1 rules: `yes`/`off` are booleans, `0x1F` is an int), so we
/// resolve plain scalars with the same table instead of Yams' YAML 1.2 resolver.
enum YAMLScalar {
    /// The resolved short tag of a plain scalar: `!!null`, `!!bool`, `!!int`, `!!float` or `!!str`.
    static func resolveTag(plain text: String) -> String {
        switch text {
        case "", "~", "null", "Null", "NULL": return "!!null"
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE":
            return "!!bool"
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
            ".nan", ".NaN", ".NAN":
            return "!!float"
        default: break
        }
        guard let first = text.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first) else {
            return "!!str"
        }
        let plain = text.replacingOccurrences(of: "_", with: "")
        if goParseInt(plain) != nil { return "!!int" }
        if Double(plain) != nil, !plain.lowercased().contains("n") { return "!!float" }
        if plain.hasPrefix("0b") || plain.hasPrefix("-0b") { return "!!int" }
        return "!!str"
    }

    /// The boolean value of a plain scalar under YAML 1.1, or nil when it is not one.
    static func bool(plain text: String) -> Bool? {
        switch text {
        case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE": return true
        case "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`: decimal, `0x`, `0o`, `0b` and leading-zero octal.
    static func goParseInt(_ text: String) -> Int64? {
        var body = Substring(text)
        var negative = false
        if body.first == "+" || body.first == "-" {
            negative = body.first == "-"
            body = body.dropFirst()
        }
        var radix = 10
        let lower = body.lowercased()
        if lower.hasPrefix("0x") {
            radix = 16
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0o") {
            radix = 8
            body = body.dropFirst(2)
        } else if lower.hasPrefix("0b") {
            radix = 2
            body = body.dropFirst(2)
        } else if body.count > 1, body.first == "0" {
            radix = 8
            body = body.dropFirst()
        }
        guard !body.isEmpty, let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// The short tag yaml.v2 reports for a node in a type error (`!!str`, `!!seq`, `!!map`, ...).
    static func shortTag(of node: Node) -> String {
        switch node {
        case .mapping: return "!!map"
        case .sequence: return "!!seq"
        case .alias: return "!!str"
        case .scalar(let scalar):
            if scalar.style != .plain && scalar.style != .any { return "!!str" }
            return resolveTag(plain: scalar.string)
        }
    }
}
