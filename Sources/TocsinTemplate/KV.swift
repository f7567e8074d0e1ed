/// Alertmanager's `template.KV`: a label or annotation set that templates index by name
/// (`.Labels.severity`) and call methods on (`.SortedPairs`, `.Names`, `.Values`, `.Remove`).
public struct KV: TemplateObject, Equatable {
    public let entries: [String: String]
    /// The map as templates index it, built once: lookups like `.Labels.severity` happen per alert per render.
    private let view: TemplateValue

    /// A set holding `entries`.
    public init(_ entries: [String: String] = [:]) {
        self.entries = entries
        self.view = .map(
            TemplateMap(entries.mapValues { .string($0) }, typeName: "template.KV", zeroElement: .string("")))
    }

    /// Equal when the entries are.
    public static func == (a: KV, b: KV) -> Bool { a.entries == b.entries }

    public var typeName: String { "template.KV" }
    public var kindView: TemplateValue? { view }

    /// The pairs sorted by name, except that `alertname` comes first (template.go `SortedPairs`).
    public var sortedPairs: Pairs {
        var names = entries.keys.filter { $0 != "alertname" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if entries["alertname"] != nil { names.insert("alertname", at: 0) }
        return Pairs(names.map { Pair(name: $0, value: entries[$0]!) })
    }

    /// A copy without `names`.
    public func removing(_ names: [String]) -> KV {
        let drop = Set(names)
        return KV(entries.filter { !drop.contains($0.key) })
    }

    /// `SortedPairs`, `Names`, `Values` (both in sorted-pair order) and `Remove([]string)`. Alertmanager 0.25
    /// has no `String` method (0.26 added one), so a KV prints as the Go map it is: `map[a:b c:d]`.
    public func method(named name: String) -> TemplateMethod? {
        let kv = self
        switch name {
        case "SortedPairs": return TemplateMethod([]) { _ in .object(kv.sortedPairs) }
        case "Names": return TemplateMethod([]) { _ in .list(.strings(kv.sortedPairs.pairs.map(\.name))) }
        case "Values": return TemplateMethod([]) { _ in .list(.strings(kv.sortedPairs.pairs.map(\.value))) }
        case "Remove":
            return TemplateMethod([.type("[]string", nilable: true)]) { args in
                guard case .list(let l) = args[0] else { return .object(kv) }
                return .object(kv.removing(l.items.compactMap(\.stringValue)))
            }
        default: return nil
        }
    }
}
