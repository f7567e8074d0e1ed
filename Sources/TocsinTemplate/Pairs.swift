/// Alertmanager's `template.Pairs`: the ordered result of `KV.SortedPairs`, printed as `a=b, c=d`.
public struct Pairs: TemplateObject, Equatable, CustomStringConvertible {
    public var pairs: [Pair]

    /// The pairs in the given order.
    public init(_ pairs: [Pair]) { self.pairs = pairs }

    public var typeName: String { "template.Pairs" }
    public var kindView: TemplateValue? { .list(TemplateList(pairs.map { .object($0) }, typeName: "template.Pairs")) }
    public var stringerDescription: String? { description }

    public var description: String { pairs.map { "\($0.name)=\($0.value)" }.joined(separator: ", ") }

    /// `Names`, `Values` and `String`.
    public func method(named name: String) -> TemplateMethod? {
        let ps = self
        switch name {
        case "Names": return TemplateMethod([]) { _ in .list(.strings(ps.pairs.map(\.name))) }
        case "Values": return TemplateMethod([]) { _ in .list(.strings(ps.pairs.map(\.value))) }
        case "String": return TemplateMethod([]) { _ in .string(ps.description) }
        default: return nil
        }
    }
}
