/// html/template's rule that the predefined escapers `html` and `urlquery` may only end a pipeline: it
/// rejects `{{ .X | html | f }}` in every template reachable from the executed one before producing any
/// output, even in branches that would not run (escape.go `escapeAction`).
struct HTMLPredefinedEscaperCheck {
    let set: TemplateSet
    private var visited: Set<String> = []

    init(set: TemplateSet) { self.set = set }

    /// The first violation in execution-tree order, as html/template reports it.
    mutating func firstViolation(startingAt template: ParsedTemplate) -> TemplateExecutionError? {
        visited.insert(template.name)
        return check(template.root, in: template)
    }

    private mutating func check(_ nodes: [TemplateNode], in template: ParsedTemplate) -> TemplateExecutionError? {
        for node in nodes {
            switch node {
            case .action(let pos, let pipe):
                for cmd in pipe.cmds.dropLast() {
                    if case .identifier(_, let name) = cmd.args[0], name == "html" || name == "urlquery" {
                        return TemplateExecutionError(
                            templateName: template.name,
                            message: "html/template:\(template.source.location(of: pos)): predefined escaper "
                                + "\(GoQuote.quote(name)) disallowed in template")
                    }
                }
            case .ifNode(let b), .rangeNode(let b), .withNode(let b):
                if let e = check(b.list, in: template) { return e }
                if let elseList = b.elseList, let e = check(elseList, in: template) { return e }
            case .list(let l):
                if let e = check(l, in: template) { return e }
            case .template(_, let name, _):
                guard !visited.contains(name), let callee = set.lookup(name) else { continue }
                visited.insert(name)
                if let e = check(callee.root, in: callee) { return e }
            case .text, .breakNode, .continueNode, .comment:
                continue
            }
        }
        return nil
    }
}
