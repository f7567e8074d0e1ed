/// Alertmanager's `template.Pair`: one name/value of a sorted `KV` (`{{ range .Labels.SortedPairs }}`).
public struct Pair: TemplateObject, Equatable {
    public var name: String
    public var value: String

    /// The pair `name`=`value`.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public var typeName: String { "template.Pair" }
    public var structFields: [TemplateValue]? { [.string(name), .string(value)] }
    public var jsonFieldNames: [String]? { ["Name", "Value"] }

    /// The fields `Name` and `Value`.
    public func field(named field: String) -> TemplateValue? {
        switch field {
        case "Name": return .string(name)
        case "Value": return .string(value)
        default: return nil
        }
    }
}
