import TocsinModel

/// JSON text written the way Go's `encoding/json` writes it, so our bodies are byte-identical to
/// Alertmanager's: object keys in the order the caller gives (Go sorts map keys; callers pass them sorted),
/// and strings escaped with Go's HTML-safe rules (`<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`).
enum GoJSON {
    /// A JSON string literal for `value`.
    static func string(_ value: String) -> String {
        GoJSONString.quoted(value)
    }

    /// `{"k":v,...}` from already encoded values, keys in the given order.
    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// `[v,...]` from already encoded values.
    static func array(_ elements: [String]) -> String {
        "[" + elements.joined(separator: ",") + "]"
    }

    /// A string-to-string map with keys sorted bytewise, as Go marshals a `map[string]string`.
    static func stringMap(_ pairs: [(String, String)]) -> String {
        object(pairs.sorted { Array($0.0.utf8).lexicographicallyPrecedes(Array($1.0.utf8)) }.map { ($0.0, string($0.1)) })
    }
}
