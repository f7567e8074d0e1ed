/// Alertmanager's `template.Pairs`: the ordered result of `KV.SortedPairs`, printed as the Go slice of structs
/// it is (`[{a b} {c d}]`): Alertmanager 0.25 has no `String` method (0.26 added one).
public struct Pairs: TemplateObject, Equatable {
    public var pairs: [Pair]

    /// The pairs in the given order.
    public init(_ pairs: [Pair]) { self.pairs = pairs }

    public var typeName: String { "template.Pairs" }
    public var kindView: TemplateValue? { .list(TemplateList(pairs.map { .object($0) }, typeName: "template.Pairs")) }

    /// `Names` and `Values`.
    public func method(named name: String) -> TemplateMethod? {
        let ps = self
        switch name {
        case "Names": return TemplateMethod([]) { _ in .list(.strings(ps.pairs.map(\.name))) }
        case "Values": return TemplateMethod([]) { _ in .list(.strings(ps.pairs.map(\.value))) }
        default: return nil
        }
    }
}
