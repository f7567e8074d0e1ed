/// Runs one parsed template over a value, with Go text/template's evaluation rules: method-before-field
/// lookup, `missingkey=zero` for maps, typed function arguments, variable scoping, short-circuit
/// `and`/`or`, and Go's error messages with the failing node and its line:column.
///
/// It is a value created per execution; the template set it reads is immutable, so executions run
/// concurrently without sharing state.
struct TemplateExecutor {
    private let set: TemplateSet
    private var template: ParsedTemplate
    private var vars: [(name: String, value: TemplateValue)] = []
    private var node: ErrorNode?
    private var depth = 0
    private(set) var output = ""
    private var html: HTMLContextTracker?
    /// The executed template's name, which html/template's escaping errors carry.
    private let rootName: String

    /// Go stops at 100000 nested template calls; the native stack bounds us sooner.
    static let maxDepth = 200

    /// The node a failure is reported at, printed back as Go prints it.
    enum ErrorNode {
        case node(TemplateNode)
        case argument(ArgumentNode)
        case command(CommandNode)
        case pipe(PipeNode)

        var pos: Int {
            switch self {
            case .node(let n): return n.pos
            case .argument(let a): return a.pos
            case .command(let c): return c.pos
            case .pipe(let p): return p.pos
            }
        }

        var description: String {
            switch self {
            case .node(let n): return n.description
            case .argument(let a): return a.description
            case .command(let c): return c.description
            case .pipe(let p): return p.description
            }
        }
    }

    private enum Flow { case normal, breakLoop, continueLoop }

    /// The value of `.` and whether its static Go type is `interface {}` (an element of a generic slice or
    /// map being ranged over), which Go's error messages for field access on it reflect.
    struct Dot {
        var value: TemplateValue
        var isInterface = false

        init(_ value: TemplateValue, isInterface: Bool = false) {
            self.value = value
            self.isInterface = isInterface
        }
    }

    init(set: TemplateSet, template: ParsedTemplate, html: Bool) {
        self.set = set
        self.template = template
        self.rootName = template.name
        self.html = html ? HTMLContextTracker() : nil
    }

    mutating func run(_ data: TemplateValue) throws(TemplateExecutionError) {
        vars = [("$", data)]
        _ = try walkList(Dot(data), template.root)
        // html/template refuses a template that leaves its output inside a tag, script, style or comment.
        if let tracker = html, tracker.context.state != .text {
            throw escapingError("ends in a non-text context: \(tracker.context.goDescription)")
        }
    }

    // MARK: errors

    /// An html/template escaping error, which names the executed template rather than a node.
    private func escapingError(_ description: String) -> TemplateExecutionError {
        let prefix = rootName.isEmpty ? "html/template: " : "html/template:\(rootName): "
        return TemplateExecutionError(templateName: template.name, message: prefix + description)
    }

    private func fail(_ message: String) -> TemplateExecutionError {
        let name = template.name
        guard let node else {
            return TemplateExecutionError(templateName: name, message: "template: \(name): \(message)")
        }
        let location = template.source.location(of: node.pos)
        return TemplateExecutionError(
            templateName: name,
            message: "template: \(location): executing \(GoQuote.quote(name)) at <\(node.description)>: \(message)")
    }

    private mutating func at(_ n: ErrorNode) { node = n }

    // MARK: variables

    private func varValue(_ name: String) throws(TemplateExecutionError) -> TemplateValue {
        for v in vars.reversed() where v.name == name { return v.value }
        throw fail("undefined variable: \(name)")
    }

    private mutating func setVar(_ name: String, _ value: TemplateValue) throws(TemplateExecutionError) {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            vars[i].value = value
            return
        }
        throw fail("undefined variable: \(name)")
    }

    private mutating func pop(_ mark: Int) {
        if vars.count > mark { vars.removeLast(vars.count - mark) }
    }

    // MARK: walking

    private mutating func walkList(_ dot: Dot, _ nodes: [TemplateNode]) throws(TemplateExecutionError) -> Flow {
        for n in nodes {
            let flow = try walk(dot, n)
            if flow != .normal { return flow }
        }
        return .normal
    }

    private mutating func walk(_ dot: Dot, _ n: TemplateNode) throws(TemplateExecutionError) -> Flow {
        if case .text(_, let t) = n {
            try writeText(t)
            return .normal
        }
        at(.node(n))
        switch n {
        case .action(_, let pipe):
            if html != nil && pipe.decl.isEmpty, let last = pipe.cmds.last, case .identifier(_, let name) = last.args[0],
                name == "html" || name == "urlquery"
            {
                try printPredefinedEscaped(dot, n, pipe, name)
            } else {
                let value = try evalPipeline(dot, pipe)
                if pipe.decl.isEmpty { try printValue(n, value) }
            }
        case .breakNode: return .breakLoop
        case .continueNode: return .continueLoop
        case .comment: break
        case .ifNode(let b): return try walkIfOrWith(isWith: false, dot, b)
        case .withNode(let b): return try walkIfOrWith(isWith: true, dot, b)
        case .list(let nodes): return try walkList(dot, nodes)
        case .rangeNode(let b): try walkRange(dot, b)
        case .template(_, let name, let pipe): try walkTemplate(dot, n, name, pipe)
        case .text(_, let t): try writeText(t)
        }
        return .normal
    }

    private mutating func writeText(_ t: String) throws(TemplateExecutionError) {
        if var tracker = html {
            do {
                output += try tracker.consume(t)
            } catch {
                throw escapingError(error.description)
            }
            html = tracker
        } else {
            output += t
        }
    }

    private mutating func walkIfOrWith(isWith: Bool, _ dot: Dot, _ b: BranchNode)
        throws(TemplateExecutionError) -> Flow
    {
        let mark = vars.count
        defer { pop(mark) }
        let value = try evalPipeline(dot, b.pipe)
        if value.isTrue {
            return try walkList(isWith ? Dot(value) : dot, b.list)
        } else if let e = b.elseList {
            return try walkList(dot, e)
        }
        return .normal
    }

    private mutating func walkRange(_ dot: Dot, _ r: BranchNode) throws(TemplateExecutionError) {
        at(.node(.rangeNode(r)))
        let outerMark = vars.count
        defer { pop(outerMark) }
        let value = try evalPipeline(dot, r.pipe)
        let mark = vars.count
        var iterated = false
        // Elements of []interface{} and map[string]interface{} have static type interface{} in Go.
        let elementIsInterface: Bool
        switch value.kindValue {
        case .list(let l): elementIsInterface = l.typeName == "[]interface {}"
        case .map(let m):
            if case .invalid = m.zeroElement { elementIsInterface = true } else { elementIsInterface = false }
        default: elementIsInterface = false
        }
        func iterate(_ ex: inout TemplateExecutor, _ index: TemplateValue, _ element: TemplateValue)
            throws(TemplateExecutionError) -> Bool
        {
            if !r.pipe.decl.isEmpty { ex.vars[ex.vars.count - 1].value = element }
            if r.pipe.decl.count > 1 { ex.vars[ex.vars.count - 2].value = index }
            defer { ex.pop(mark) }
            return try ex.walkList(Dot(element, isInterface: elementIsInterface), r.list) == .breakLoop
        }
        switch value.kindValue {
        case .list(let l):
            for (i, item) in l.items.enumerated() {
                iterated = true
                if try iterate(&self, .int(i), item) { break }
            }
        case .map(let m):
            for key in m.sortedKeys {
                iterated = true
                if try iterate(&self, .string(key), m.entries[key]!) { break }
            }
        case .invalid:
            break
        default:
            throw fail("range can't iterate over \(GoFormatter.sprint([value], dereferenced: true))")
        }
        if !iterated, let e = r.elseList {
            _ = try walkList(dot, e)
        }
    }

    private mutating func walkTemplate(
        _ dot: Dot, _ n: TemplateNode, _ name: String, _ pipe: PipeNode?
    ) throws(TemplateExecutionError) {
        at(.node(n))
        guard let callee = set.lookup(name) else { throw fail("template \(GoQuote.quote(name)) not defined") }
        if depth >= Self.maxDepth { throw fail("exceeded maximum template depth (\(Self.maxDepth))") }
        let newDot: TemplateValue = pipe == nil ? .invalid : try evalPipeline(dot, pipe!)
        let savedVars = vars
        let savedTemplate = template
        vars = [("$", newDot)]
        template = callee
        depth += 1
        defer {
            depth -= 1
            template = savedTemplate
            vars = savedVars
        }
        _ = try walkList(Dot(newDot), callee.root)
    }

    /// An action ending in `html` or `urlquery` in an HTML template. html/template puts that escaper in place
    /// of the contextual escaper it is equivalent to, so the escapers before it see its input: that input is
    /// the value piped into it, or for `{{ html .A .B }}` its arguments printed as one string.
    private mutating func printPredefinedEscaped(
        _ dot: Dot, _ n: TemplateNode, _ pipe: PipeNode, _ name: String
    ) throws(TemplateExecutionError) {
        at(.pipe(pipe))
        let last = pipe.cmds[pipe.cmds.count - 1]
        var piped: TemplateValue? = nil
        for cmd in pipe.cmds.dropLast() { piped = try evalCommand(dot, cmd, final: piped) }
        let value = try evalCommand(dot, last, final: piped)
        var input: TemplateValue? = nil
        if pipe.cmds.count == 1 && last.args.count > 1 {
            var args: [TemplateValue] = []
            for arg in last.args.dropFirst() { args.append(try evalArg(dot, .any, arg)) }
            if args.count == 1, case .string = args[0] {
                input = args[0]
            } else {
                input = .string(GoFormatter.sprint(args, dereferenced: true))
            }
        } else if last.args.count == 1 {
            input = piped
        }
        try printValue(n, value, predefinedInput: input.map { (name, $0) })
    }

    private mutating func printValue(
        _ n: TemplateNode, _ value: TemplateValue, predefinedInput: (String, TemplateValue)? = nil
    ) throws(TemplateExecutionError) {
        at(.node(n))
        if case .object(let o) = value, o is TemplateCallable {
            throw fail("can't print \(n.description) of type \(o.typeName)")
        }
        if var tracker = html {
            var lastCommand: String?
            if case .action(_, let pipe) = n, let last = pipe.cmds.last, case .identifier(_, let name) = last.args[0] {
                lastCommand = name
            }
            if lastCommand == "html" && tracker.forbidsPredefinedHTML() {
                throw TemplateExecutionError(
                    templateName: template.name,
                    message: "html/template:\(template.source.location(of: n.pos)): predefined escaper \"html\" "
                        + "disallowed in template")
            }
            if tracker.isInJSTemplateLiteral() {
                throw TemplateExecutionError(
                    templateName: template.name,
                    message: "html/template:\(template.source.location(of: n.pos)): \(n.description) appears in a "
                        + "JS template literal")
            }
            let escaped = tracker.escape(value, lastCommand: lastCommand, predefinedInput: predefinedInput)
            html = tracker
            output += escaped
            return
        }
        if case .invalid = value {
            output += "<no value>"
        } else if case .string(let s) = value {
            output += s
        } else {
            // Go's printableValue dereferences a pointer before printing, so `{{ . }}` shows `{...}`, not `&{...}`.
            output += GoFormatter.sprint([value], dereferenced: true)
        }
    }

    // MARK: evaluation

    private mutating func evalPipeline(_ dot: Dot, _ pipe: PipeNode) throws(TemplateExecutionError)
        -> TemplateValue
    {
        at(.pipe(pipe))
        var value: TemplateValue? = nil
        for cmd in pipe.cmds {
            value = try evalCommand(dot, cmd, final: value)
        }
        let result = value ?? .invalid
        for v in pipe.decl {
            if pipe.isAssign {
                try setVar(v, result)
            } else {
                vars.append((v, result))
            }
        }
        return result
    }

    private mutating func notAFunction(_ args: [ArgumentNode], _ final: TemplateValue?) throws(TemplateExecutionError) {
        if args.count > 1 || final != nil {
            throw fail("can't give argument to non-function \(args[0].description)")
        }
    }

    private mutating func evalCommand(
        _ dot: Dot, _ cmd: CommandNode, final: TemplateValue?
    ) throws(TemplateExecutionError) -> TemplateValue {
        let first = cmd.args[0]
        switch first {
        case .field(_, let idents):
            at(.argument(first))
            return try evalFieldChain(
                dot, dot.value, first, idents, cmd.args, final, receiverIsInterface: dot.isInterface)
        case .chain(_, let inner, let fields):
            return try evalChain(dot, first, inner, fields, cmd.args, final)
        case .identifier(_, let name):
            return try evalFunction(dot, first, name, .command(cmd), cmd.args, final)
        case .pipe(let p):
            try notAFunction(cmd.args, final)
            return try evalPipeline(dot, p)
        case .variable(_, let idents):
            return try evalVariable(dot, first, idents, cmd.args, final)
        default:
            break
        }
        at(.argument(first))
        try notAFunction(cmd.args, final)
        switch first {
        case .bool(_, let b): return .bool(b)
        case .dot: return dot.value
        case .nilNode: throw fail("nil is not a command")
        case .number(let n): return try idealConstant(n)
        case .string(_, _, let text): return .string(text)
        default: throw fail("can't evaluate command \(GoQuote.quote(first.description))")
        }
    }

    private mutating func idealConstant(_ n: NumberNode) throws(TemplateExecutionError) -> TemplateValue {
        let text = n.text
        let isHexInt =
            text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = text.hasPrefix("'")
        if let f = n.floatValue, !isHexInt, !isRune, text.contains(where: { ".eEpP".contains($0) }) {
            return .float(f)
        }
        if let i = n.intValue { return .int(Int(i)) }
        if n.uintValue != nil { throw fail("\(text) overflows int") }
        return .invalid
    }

    private mutating func evalChain(
        _ dot: Dot, _ chain: ArgumentNode, _ inner: ArgumentNode, _ fields: [String],
        _ args: [ArgumentNode], _ final: TemplateValue?
    ) throws(TemplateExecutionError) -> TemplateValue {
        at(.argument(chain))
        if case .nilNode = inner { throw fail("indirection through explicit nil in \(chain.description)") }
        let receiver = try evalArg(dot, nil, inner)
        return try evalFieldChain(dot, receiver, chain, fields, args, final)
    }

    private mutating func evalVariable(
        _ dot: Dot, _ variable: ArgumentNode, _ idents: [String], _ args: [ArgumentNode],
        _ final: TemplateValue?
    ) throws(TemplateExecutionError) -> TemplateValue {
        at(.argument(variable))
        let value = try varValue(idents[0])
        if idents.count == 1 {
            try notAFunction(args, final)
            return value
        }
        return try evalFieldChain(dot, value, variable, Array(idents.dropFirst()), args, final)
    }

    private mutating func evalFieldChain(
        _ dot: Dot, _ receiver: TemplateValue, _ node: ArgumentNode, _ idents: [String],
        _ args: [ArgumentNode], _ final: TemplateValue?, receiverIsInterface: Bool = false
    ) throws(TemplateExecutionError) -> TemplateValue {
        try evalFieldChainStatic(dot, receiver, node, idents, args, final, receiverIsInterface: receiverIsInterface)
            .value
    }

    /// Like `evalFieldChain`, also reporting whether the result's static Go type is `interface {}` (an
    /// element of a `map[string]interface{}`), which changes Go's error messages for it.
    private mutating func evalFieldChainStatic(
        _ dot: Dot, _ receiver: TemplateValue, _ node: ArgumentNode, _ idents: [String],
        _ args: [ArgumentNode], _ final: TemplateValue?, receiverIsInterface: Bool = false
    ) throws(TemplateExecutionError) -> (value: TemplateValue, isInterface: Bool) {
        var r = (value: receiver, isInterface: receiverIsInterface)
        for name in idents.dropLast() {
            r = try evalField(dot, name, node, [], nil, r.value, receiverIsInterface: r.isInterface)
        }
        return try evalField(
            dot, idents[idents.count - 1], node, args, final, r.value, receiverIsInterface: r.isInterface)
    }

    private mutating func evalFunction(
        _ dot: Dot, _ ident: ArgumentNode, _ name: String, _ callNode: ErrorNode,
        _ args: [ArgumentNode], _ final: TemplateValue?
    ) throws(TemplateExecutionError) -> TemplateValue {
        at(.argument(ident))
        guard let (function, isBuiltin) = set.function(named: name) else {
            throw fail("\(GoQuote.quote(name)) is not a defined function")
        }
        return try evalCall(dot, function, isBuiltin: isBuiltin, callNode, name, args, final)
    }

    private mutating func evalField(
        _ dot: Dot, _ name: String, _ node: ArgumentNode, _ args: [ArgumentNode],
        _ final: TemplateValue?, _ receiver: TemplateValue, receiverIsInterface: Bool
    ) throws(TemplateExecutionError) -> (value: TemplateValue, isInterface: Bool) {
        if case .invalid = receiver {
            if receiverIsInterface { throw fail("nil pointer evaluating interface {}.\(name)") }
            return (.invalid, false)
        }
        if case .object(let o) = receiver {
            if let method = o.method(named: name) {
                return (try evalCall(dot, method, isBuiltin: false, .argument(node), name, args, final), false)
            }
        }
        let hasArgs = args.count > 1 || final != nil
        if case .object(let o) = receiver, o.kindView == nil {
            if let value = o.field(named: name) {
                if hasArgs { throw fail("\(name) has arguments but cannot be invoked as function") }
                return (value, false)
            }
        }
        if case .map(let m) = receiver.kindValue {
            if hasArgs { throw fail("\(name) is not a method but has arguments") }
            let elementIsInterface: Bool
            if case .invalid = m.zeroElement { elementIsInterface = true } else { elementIsInterface = false }
            return (m.entries[name] ?? m.zeroElement, elementIsInterface)
        }
        throw fail("can't evaluate field \(name) in type \(receiverIsInterface ? "interface {}" : receiver.typeName)")
    }

    private mutating func evalCall(
        _ dot: Dot, _ function: TemplateFunction, isBuiltin: Bool, _ callNode: ErrorNode,
        _ name: String, _ allArgs: [ArgumentNode], _ final: TemplateValue?
    ) throws(TemplateExecutionError) -> TemplateValue {
        let args = allArgs.isEmpty ? [] : Array(allArgs.dropFirst())
        let numIn = args.count + (final == nil ? 0 : 1)
        var numFixed = args.count
        if function.variadic != nil {
            numFixed = function.parameters.count
            if numIn < numFixed {
                throw fail("wrong number of args for \(name): want at least \(numFixed) got \(args.count)")
            }
        } else if numIn != function.parameters.count {
            throw fail("wrong number of args for \(name): want \(function.parameters.count) got \(numIn)")
        }

        if isBuiltin && (name == "and" || name == "or") {
            var v: TemplateValue = .invalid
            for arg in args {
                v = try evalArg(dot, .reflectValue, arg)
                if v.isTrue == (name == "or") { return v }
            }
            if let final { v = try validateType(final, .reflectValue) }
            return v
        }

        var argv: [TemplateValue] = []
        argv.reserveCapacity(numIn)
        var i = 0
        while i < numFixed && i < args.count {
            argv.append(try evalArg(dot, function.parameters[i], args[i]))
            i += 1
        }
        if let variadic = function.variadic {
            while i < args.count {
                argv.append(try evalArg(dot, variadic, args[i]))
                i += 1
            }
        }
        if let final {
            var t: TemplateParameter
            if let variadic = function.variadic {
                t = numIn - 1 < numFixed ? function.parameters[numIn - 1] : variadic
            } else {
                t = function.parameters[function.parameters.count - 1]
            }
            argv.append(try validateType(final, t))
        }
        do {
            return try function.body(argv)
        } catch let e as TemplateExecutionError {
            throw e
        } catch {
            at(callNode)
            throw fail("error calling \(name): \(error)")
        }
    }

    private func zeroValue(_ t: TemplateParameter) -> TemplateValue? {
        switch t {
        case .any, .reflectValue: return .invalid
        case .type(let name, _, let nilable):
            guard nilable else { return nil }
            if name.hasPrefix("[]") { return .list(TemplateList([], typeName: name)) }
            if name.hasPrefix("map[") { return .map(TemplateMap([:], typeName: name)) }
            return .invalid
        default: return nil
        }
    }

    private func validateType(_ value: TemplateValue, _ t: TemplateParameter?) throws(TemplateExecutionError)
        -> TemplateValue
    {
        guard let t else { return value }
        if case .invalid = value {
            if let zero = zeroValue(t) { return zero }
            throw fail("invalid value; expected \(t.goName)")
        }
        let ok: Bool
        switch (t, value) {
        case (.any, _), (.reflectValue, _): ok = true
        case (.string, .string), (.int, .int), (.bool, .bool), (.float, .float): ok = true
        case (.duration, _): ok = value.typeName == "time.Duration"
        case (.type(let name, let also, _), _):
            let actual = value.typeName
            ok = actual == name || also.contains(actual)
        default: ok = false
        }
        if !ok { throw fail("wrong type for value; expected \(t.goName); got \(value.typeName)") }
        return value
    }

    private mutating func evalArg(
        _ dot: Dot, _ t: TemplateParameter?, _ n: ArgumentNode
    ) throws(TemplateExecutionError) -> TemplateValue {
        at(.argument(n))
        switch n {
        case .dot:
            if dot.isInterface, case .invalid = dot.value, let t {
                switch t {
                case .any, .reflectValue: return .invalid
                default: throw fail("wrong type for value; expected \(t.goName); got interface {}")
                }
            }
            return try validateType(dot.value, t)
        case .nilNode:
            if let t, let zero = zeroValue(t) { return zero }
            throw fail("cannot assign nil to \(t?.goName ?? "<nil>")")
        case .field(_, let idents):
            let result = try evalFieldChainStatic(
                dot, dot.value, n, idents, [n], nil, receiverIsInterface: dot.isInterface)
            if result.isInterface, case .invalid = result.value, let t {
                switch t {
                case .any, .reflectValue: return .invalid
                default: throw fail("wrong type for value; expected \(t.goName); got interface {}")
                }
            }
            return try validateType(result.value, t)
        case .variable(_, let idents):
            let value = try evalVariable(dot, n, idents, [], nil)
            return try validateType(value, t)
        case .pipe(let p):
            let value = try evalPipeline(dot, p)
            return try validateType(value, t)
        case .identifier(_, let name):
            let value = try evalFunction(dot, n, name, .argument(n), [], nil)
            return try validateType(value, t)
        case .chain(_, let inner, let fields):
            let value = try evalChain(dot, n, inner, fields, [], nil)
            return try validateType(value, t)
        default: break
        }
        guard let t else { throw fail("can't handle \(n.description) for arg of type <nil>") }
        switch t {
        case .bool:
            if case .bool(_, let b) = n { return .bool(b) }
            throw fail("expected bool; found \(n.description)")
        case .float:
            if case .number(let num) = n, let f = num.floatValue { return .float(f) }
            throw fail("expected float; found \(n.description)")
        case .int:
            if case .number(let num) = n, let i = num.intValue { return .int(Int(i)) }
            throw fail("expected integer; found \(n.description)")
        case .duration:
            if case .number(let num) = n, let i = num.intValue { return .object(GoDuration(Int64(i))) }
            throw fail("expected integer; found \(n.description)")
        case .string:
            if case .string(_, _, let text) = n { return .string(text) }
            throw fail("expected string; found \(n.description)")
        case .any, .reflectValue:
            switch n {
            case .bool(_, let b): return .bool(b)
            case .number(let num): return try idealConstant(num)
            case .string(_, _, let text): return .string(text)
            default: throw fail("can't handle assignment of \(n.description) to empty interface argument")
            }
        case .type(let name, _, _):
            throw fail("can't handle \(n.description) for arg of type \(name)")
        }
    }
}
