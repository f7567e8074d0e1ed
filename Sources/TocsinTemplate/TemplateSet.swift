/// A set of named templates sharing one function map, as Alertmanager builds one from `default.tmpl`,
/// `email.tmpl` and the user's `templates:` files, then executes each config string as a new anonymous
/// template inside it.
///
/// The set is an immutable value once parsed, so one set serves concurrent renders. Parsing more text
/// replaces earlier definitions of the same name unless the new one is empty (Go's `associate`), which is
/// how user templates override the defaults.
public struct TemplateSet: Sendable {
    private var templates: [String: ParsedTemplate] = [:]
    private let functions: [String: TemplateFunction]

    /// A set with Go's builtins plus `functions` (which take precedence over builtins of the same name).
    public init(functions: [String: TemplateFunction] = [:]) {
        self.functions = functions
    }

    /// The names of the templates defined so far.
    public var templateNames: [String] { templates.keys.sorted() }

    /// Parses `text` as the template `name`; its `define`s and `block`s are added to the set.
    public mutating func parse(_ text: String, name: String) throws(TemplateParseError) {
        let functions = self.functions
        let trees = try TemplateParser.parse(name: name, text: text) { fn in
            functions[fn] != nil || BuiltinFunctions.table[fn] != nil
        }
        for (treeName, tree) in trees {
            if templates[treeName] != nil && tree.isEmpty { continue }
            templates[treeName] = tree
        }
    }

    /// Executes the template `name` over `data`. With `html`, every action's output is escaped for its
    /// HTML context, as html/template does.
    public func execute(_ name: String, data: TemplateValue, html: Bool = false) throws(TemplateExecutionError)
        -> String
    {
        guard let template = templates[name] else {
            throw TemplateExecutionError(
                templateName: name,
                message: "template: no template \(GoQuote.quote(name)) associated with template \"\"")
        }
        if html {
            var check = HTMLPredefinedEscaperCheck(set: self)
            if let error = check.firstViolation(startingAt: template) { throw error }
        }
        var executor = TemplateExecutor(set: self, template: template, html: html)
        try executor.run(data)
        return executor.output
    }

    /// Alertmanager's `ExecuteTextString` / `ExecuteHTMLString`: parses `text` as a new template named ""
    /// in a copy of this set and executes it. An empty text renders "" without parsing.
    public func render(_ text: String, data: TemplateValue, html: Bool = false) throws -> String {
        if text.isEmpty { return "" }
        var copy = self
        try copy.parse(text, name: "")
        return try copy.execute("", data: data, html: html)
    }

    func lookup(_ name: String) -> ParsedTemplate? { templates[name] }

    /// The function `name` and whether it is one of Go's builtins (which changes how `and`/`or` run).
    func function(named name: String) -> (TemplateFunction, Bool)? {
        if let f = functions[name] { return (f, false) }
        if let f = BuiltinFunctions.table[name] { return (f, true) }
        return nil
    }
}
