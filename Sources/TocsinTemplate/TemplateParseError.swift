/// A template that does not parse. `description` is Go's message, `template: name:line: ...`, which
/// Alertmanager logs and returns verbatim.
public struct TemplateParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
