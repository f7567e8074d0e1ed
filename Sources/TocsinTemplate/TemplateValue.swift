/// A dynamic value as a Go template sees it: the data passed to `execute`, every intermediate result of a
/// pipeline, and every function argument.
///
/// The cases mirror the Go kinds the template engine distinguishes (truthiness, comparison, printing and
/// indexing all switch on the kind), so a value keeps the behaviour Alertmanager's Go types have.
/// Host types with fields and methods (alerts, `KV`, `time.Time`) are `.object`s.
public indirect enum TemplateValue: Sendable {
    /// Go's invalid value: a nil interface, such as a missing key of a `map[string]interface{}` under
    /// `missingkey=zero`. Printed as `<no value>`.
    case invalid
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list(TemplateList)
    case map(TemplateMap)
    case object(any TemplateObject)
}

/// A Go slice: its elements and the Go type name used in error messages and argument checks.
public struct TemplateList: Sendable {
    public var items: [TemplateValue]
    /// Go's spelling of the slice type (`[]interface {}`, `[]string`, `template.Alerts`).
    public var typeName: String

    /// A slice of `items` of Go type `typeName`.
    public init(_ items: [TemplateValue], typeName: String = "[]interface {}") {
        self.items = items
        self.typeName = typeName
    }

    /// A `[]string`, the type Alertmanager's `join`, `KV.Names` and `stringSlice` use.
    public static func strings(_ values: [String]) -> TemplateList {
        TemplateList(values.map { .string($0) }, typeName: "[]string")
    }
}

/// A Go map with string keys: its entries, its Go type name, and the zero value of its element type, which
/// is what a missing key yields under `missingkey=zero` (`""` for `map[string]string`, invalid for
/// `map[string]interface{}`).
public struct TemplateMap: Sendable {
    public var entries: [String: TemplateValue]
    public var typeName: String
    public var zeroElement: TemplateValue

    /// A map of `entries` of Go type `typeName` whose missing keys yield `zeroElement`.
    public init(
        _ entries: [String: TemplateValue], typeName: String = "map[string]interface {}",
        zeroElement: TemplateValue = .invalid
    ) {
        self.entries = entries
        self.typeName = typeName
        self.zeroElement = zeroElement
    }

    /// The keys in Go's map printing and `range` order (sorted bytewise).
    public var sortedKeys: [String] {
        entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}

/// A host value with Go-style fields and methods (a struct, a named map or slice, a `time.Time`).
///
/// Lookup follows Go's order: a method of that name wins over a field or map key. `kindView` exposes the
/// underlying Go kind (the string of a `template.HTML`, the map of a `KV`, the slice of `Alerts`) so that
/// builtins such as `len`, `index`, `range`, `eq` and truthiness behave as in Go; it is nil for structs.
public protocol TemplateObject: Sendable {
    /// Go's spelling of the type, as `%T` and error messages print it (`template.KV`, `*template.Data`).
    var typeName: String { get }
    /// The value of the underlying kind, or nil for a struct (always true, not comparable).
    var kindView: TemplateValue? { get }
    /// The method named `name`, if the type has one.
    func method(named name: String) -> TemplateMethod?
    /// The exported struct field named `name`, if the type is a struct with one.
    func field(named name: String) -> TemplateValue?
    /// The result of the type's `String()` method, which `fmt` prefers for `%v` and `%s`.
    var stringerDescription: String? { get }
    /// The struct's field values in declaration order, which `fmt` prints as `{a b c}`; nil if not a struct.
    var structFields: [TemplateValue]? { get }
    /// Whether `fmt` prints the value behind a pointer (`&{...}`).
    var isPointer: Bool { get }
    /// The JSON names of `structFields` (Go's `json:` tags, else the field names), which html/template
    /// uses when it marshals the value into JavaScript; nil if not a struct.
    var jsonFieldNames: [String]? { get }
}

/// Defaults for the parts of `TemplateObject` most types do not have.
extension TemplateObject {
    public var kindView: TemplateValue? { nil }
    public func method(named name: String) -> TemplateMethod? { nil }
    public func field(named name: String) -> TemplateValue? { nil }
    public var stringerDescription: String? { nil }
    public var structFields: [TemplateValue]? { nil }
    public var isPointer: Bool { false }
    public var jsonFieldNames: [String]? { nil }
}

extension TemplateValue {
    /// The Go type name (`%T`), used in error messages.
    public var typeName: String {
        switch self {
        case .invalid: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float64"
        case .string: return "string"
        case .list(let l): return l.typeName
        case .map(let m): return m.typeName
        case .object(let o): return o.typeName
        }
    }

    /// The value with host objects replaced by their underlying kind, as Go's `reflect.Kind` sees it.
    /// Structs stay objects.
    public var kindValue: TemplateValue {
        if case .object(let o) = self, let view = o.kindView { return view.kindValue }
        return self
    }

    /// Go's truth: false, 0, nil and empty strings, slices and maps are false; structs are true.
    public var isTrue: Bool {
        switch kindValue {
        case .invalid: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .float(let f): return f != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.items.isEmpty
        case .map(let m): return !m.entries.isEmpty
        case .object: return true
        }
    }

    /// A plain Go string value's text, or nil if the value is not of kind string.
    public var stringValue: String? {
        if case .string(let s) = kindValue { return s }
        return nil
    }
}

/// Literals, so host code and tests can write data as `["name": "x", "n": 1]`.
extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .float(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(TemplateList(elements)) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .map(TemplateMap(Dictionary(elements, uniquingKeysWith: { _, last in last })))
    }
}
