/// html/template's `HTML` type, what Alertmanager's `safeHtml` returns: a string the HTML escaper trusts
/// and outputs unchanged in HTML text.
public struct SafeHTML: TemplateObject, Equatable {
    public var html: String

    /// Marks `html` as trusted markup.
    public init(_ html: String) { self.html = html }

    public var typeName: String { "template.HTML" }
    public var kindView: TemplateValue? { .string(html) }
}
