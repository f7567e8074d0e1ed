/// The parse tree of a template, shaped like Go's `text/template/parse` nodes so that evaluation and
/// error messages (which print nodes back as source, `<.Foo>`) follow Go exactly.
indirect enum TemplateNode: Sendable {
    case text(pos: Int, text: String)
    case action(pos: Int, pipe: PipeNode)
    case ifNode(BranchNode)
    case rangeNode(BranchNode)
    case withNode(BranchNode)
    case template(pos: Int, name: String, pipe: PipeNode?)
    case breakNode(pos: Int)
    case continueNode(pos: Int)
    case comment
    case list([TemplateNode])

    var pos: Int {
        switch self {
        case .text(let p, _), .action(let p, _), .template(let p, _, _), .breakNode(let p), .continueNode(let p):
            return p
        case .ifNode(let b), .rangeNode(let b), .withNode(let b): return b.pos
        case .comment, .list: return 0
        }
    }

    /// Go's `Node.String()`.
    var description: String {
        switch self {
        case .text(_, let t): return t
        case .action(_, let pipe): return "{{\(pipe.description)}}"
        case .ifNode(let b): return b.describe("if")
        case .rangeNode(let b): return b.describe("range")
        case .withNode(let b): return b.describe("with")
        case .template(_, let name, let pipe):
            return "{{template \(GoQuote.quote(name))" + (pipe.map { " " + $0.description } ?? "") + "}}"
        case .breakNode: return "{{break}}"
        case .continueNode: return "{{continue}}"
        case .comment: return ""
        case .list(let nodes): return nodes.map(\.description).joined()
        }
    }
}

/// `if`, `range` and `with`: a pipeline, the list run when it is true (or per element), and the else list.
struct BranchNode: Sendable {
    var pos: Int
    var pipe: PipeNode
    var list: [TemplateNode]
    var elseList: [TemplateNode]?

    func describe(_ keyword: String) -> String {
        var s = "{{\(keyword) \(pipe.description)}}" + list.map(\.description).joined()
        if let e = elseList { s += "{{else}}" + e.map(\.description).joined() }
        return s + "{{end}}"
    }
}

/// A pipeline: optional variable declarations (or assignments) and commands joined by `|`.
struct PipeNode: Sendable {
    var pos: Int
    var isAssign: Bool
    var decl: [String]
    var cmds: [CommandNode]

    var description: String {
        var s = ""
        if !decl.isEmpty { s = decl.joined(separator: ", ") + " := " }
        return s + cmds.map(\.description).joined(separator: " | ")
    }
}

/// One command of a pipeline: a function, method or field followed by its arguments.
struct CommandNode: Sendable {
    var pos: Int
    var args: [ArgumentNode]

    var description: String {
        args.map { arg in
            if case .pipe(let p) = arg { return "(\(p.description))" }
            return arg.description
        }.joined(separator: " ")
    }
}

/// A number literal with every interpretation Go's parser records for it.
struct NumberNode: Sendable {
    var pos: Int
    var text: String
    var intValue: Int64?
    var uintValue: UInt64?
    var floatValue: Double?
    var isComplex: Bool
}

/// An operand of a command.
indirect enum ArgumentNode: Sendable {
    case field(pos: Int, idents: [String])
    case variable(pos: Int, idents: [String])
    case identifier(pos: Int, name: String)
    case dot(pos: Int)
    case nilNode(pos: Int)
    case bool(pos: Int, value: Bool)
    case number(NumberNode)
    case string(pos: Int, quoted: String, text: String)
    case pipe(PipeNode)
    case chain(pos: Int, node: ArgumentNode, fields: [String])

    var pos: Int {
        switch self {
        case .field(let p, _), .variable(let p, _), .identifier(let p, _), .dot(let p), .nilNode(let p),
            .bool(let p, _), .string(let p, _, _), .chain(let p, _, _):
            return p
        case .number(let n): return n.pos
        case .pipe(let p): return p.pos
        }
    }

    var description: String {
        switch self {
        case .field(_, let idents): return idents.map { "." + $0 }.joined()
        case .variable(_, let idents): return idents.joined(separator: ".")
        case .identifier(_, let name): return name
        case .dot: return "."
        case .nilNode: return "nil"
        case .bool(_, let v): return v ? "true" : "false"
        case .number(let n): return n.text
        case .string(_, let quoted, _): return quoted
        case .pipe(let p): return p.description
        case .chain(_, let node, let fields):
            let head: String
            if case .pipe(let p) = node { head = "(\(p.description))" } else { head = node.description }
            return head + fields.map { "." + $0 }.joined()
        }
    }
}
