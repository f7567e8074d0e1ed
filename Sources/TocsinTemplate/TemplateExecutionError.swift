/// A failure while executing a template. `description` is Go's message, including the location and the
/// failing node: `template: name:1:5: executing "name" at <.Foo>: ...`.
public struct TemplateExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name of the template that was executing.
    public let templateName: String
    public let message: String
    public var description: String { message }
}
