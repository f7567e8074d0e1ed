/// The Go type a function parameter declares, which decides how Go converts each argument (constants are
/// typed by the parameter, values must be assignable) and which error it reports otherwise.
public enum TemplateParameter: Sendable, Equatable {
    /// `string`: string constants, values of plain kind string.
    case string
    /// `int`.
    case int
    /// `bool`.
    case bool
    /// `float64`.
    case float
    /// `interface{}` (`any`): anything, a nil interface stays nil.
    case any
    /// `reflect.Value`, as Go's own builtins take: anything.
    case reflectValue
    /// `time.Duration`: a named integer type, so an integer constant converts to it (`.StartsAt.Add
    /// 60000000000`) as Go converts constants to any type of integer kind; values must be durations.
    case duration
    /// A named or composite Go type (`[]string`, `time.Time`), matched by type name; `alsoAccepts` lists
    /// type names assignable to it (an unnamed slice to a named slice type).
    case type(String, alsoAccepts: [String] = [], nilable: Bool = false)

    /// Go's spelling, for error messages.
    var goName: String {
        switch self {
        case .string: return "string"
        case .int: return "int"
        case .bool: return "bool"
        case .float: return "float64"
        case .any: return "interface {}"
        case .reflectValue: return "reflect.Value"
        case .duration: return "time.Duration"
        case .type(let name, _, _): return name
        }
    }
}

/// A function or method callable from a template, with Go's signature so that arity and argument types are
/// checked (and reported) the way Go's `reflect`-based calls are.
public struct TemplateFunction: Sendable {
    /// The fixed parameters.
    public var parameters: [TemplateParameter]
    /// The element type of a trailing `...` parameter, if variadic.
    public var variadic: TemplateParameter?
    /// The implementation; a thrown `TemplateFunctionError` becomes Go's `error calling NAME: ...`.
    public var body: @Sendable ([TemplateValue]) throws -> TemplateValue

    /// A function taking `parameters` (then any number of `variadic` ones) implemented by `body`.
    public init(
        _ parameters: [TemplateParameter], variadic: TemplateParameter? = nil,
        body: @escaping @Sendable ([TemplateValue]) throws -> TemplateValue
    ) {
        self.parameters = parameters
        self.variadic = variadic
        self.body = body
    }
}

/// A method of a host object: the same shape as a function, bound to its receiver.
public typealias TemplateMethod = TemplateFunction

/// An error returned by a template function; Go reports it as `error calling NAME: <message>`.
public struct TemplateFunctionError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// An error reported as `error calling NAME: message`.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A function value stored in data, which the `call` builtin invokes.
public struct TemplateCallable: TemplateObject {
    public let function: TemplateFunction
    public let typeName: String

    /// Wraps `function` as a value of Go type `typeName` (for example `func(string) string`).
    public init(_ function: TemplateFunction, typeName: String) {
        self.function = function
        self.typeName = typeName
    }
}
