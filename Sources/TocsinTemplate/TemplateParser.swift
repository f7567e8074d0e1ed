import Foundation

/// A parsed template: its body and the source it came from, which error messages quote by line:column.
struct ParsedTemplate: Sendable {
    var name: String
    var root: [TemplateNode]
    var source: TemplateSource

    /// Go's `parse.IsEmptyTree`: only whitespace text and comments.
    var isEmpty: Bool { Self.isEmpty(root) }

    static func isEmpty(_ nodes: [TemplateNode]) -> Bool {
        nodes.allSatisfy { node in
            switch node {
            case .comment: return true
            case .text(_, let t):
                return t.allSatisfy {
                    $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}"
                }
            case .list(let l): return isEmpty(l)
            default: return false
            }
        }
    }
}

/// The text a template was parsed from and the name Go reports for it (`ParseName`).
final class TemplateSource: Sendable {
    let parseName: String
    let bytes: [UInt8]

    init(parseName: String, text: String) {
        self.parseName = parseName
        self.bytes = Array(text.utf8)
    }

    /// Go's `ErrorContext` location: `name:line:col`, col being the 0-based byte offset in the line.
    func location(of pos: Int) -> String {
        let p = min(pos, bytes.count)
        var line = 1
        var lastNewline = -1
        for i in 0..<p where bytes[i] == 10 {
            line += 1
            lastNewline = i
        }
        let col = lastNewline < 0 ? p : p - (lastNewline + 1)
        return "\(parseName):\(line):\(col)"
    }
}

/// Builds parse trees from template text with Go text/template's grammar and error messages.
///
/// One call parses one text: the top-level template plus every `define` and `block` in it. Redefining a
/// non-empty template within the same text is an error, as in Go.
struct TemplateParser {
    private let lexer: TemplateLexer
    private var index = 0
    private var token: [TemplateToken]
    private var peekCount = 0
    private var vars: [String] = ["$"]
    private var rangeDepth = 0
    /// Nesting of parentheses and control structures; bounded so hostile text cannot exhaust the stack.
    private var nesting = 0
    static let maxNesting = 100
    private var actionLine = 0
    private let functionExists: (String) -> Bool
    private let source: TemplateSource
    private(set) var trees: [String: ParsedTemplate] = [:]
    private var treeOrder: [String] = []

    init(name: String, text: String, functionExists: @escaping (String) -> Bool) {
        self.lexer = TemplateLexer(text)
        let eof = TemplateToken(kind: .eof, pos: 0, value: "", line: 1)
        self.token = [eof, eof, eof]
        self.functionExists = functionExists
        self.source = TemplateSource(parseName: name, text: text)
    }

    /// Parses everything; returns the trees by name (the top-level one under `name`).
    static func parse(
        name: String, text: String, functionExists: @escaping (String) -> Bool
    ) throws(TemplateParseError) -> [String: ParsedTemplate] {
        var parser = TemplateParser(name: name, text: text, functionExists: functionExists)
        try parser.parseTop(name: name)
        return parser.trees
    }

    // MARK: token stream

    private mutating func nextItem() -> TemplateToken {
        let tokens = lexer.tokens
        let t = tokens[min(index, tokens.count - 1)]
        if index < tokens.count { index += 1 }
        return t
    }

    private mutating func next() -> TemplateToken {
        if peekCount > 0 {
            peekCount -= 1
        } else {
            token[0] = nextItem()
        }
        return token[peekCount]
    }

    private mutating func backup() { peekCount += 1 }

    private mutating func backup2(_ t1: TemplateToken) {
        token[1] = t1
        peekCount = 2
    }

    private mutating func backup3(_ t2: TemplateToken, _ t1: TemplateToken) {
        token[1] = t1
        token[2] = t2
        peekCount = 3
    }

    private mutating func peek() -> TemplateToken {
        if peekCount > 0 { return token[peekCount - 1] }
        peekCount = 1
        token[0] = nextItem()
        return token[0]
    }

    private mutating func nextNonSpace() -> TemplateToken {
        var t: TemplateToken
        repeat { t = next() } while t.kind == .space
        return t
    }

    private mutating func peekNonSpace() -> TemplateToken {
        let t = nextNonSpace()
        backup()
        return t
    }

    // MARK: errors

    private func error(_ message: String) -> TemplateParseError {
        TemplateParseError(message: "template: \(source.parseName):\(token[0].line): \(message)")
    }

    private func unexpected(_ t: TemplateToken, _ context: String) -> TemplateParseError {
        if t.kind == .error {
            var extra = ""
            if actionLine != 0 && actionLine != t.line {
                extra = " in action started at \(source.parseName):\(actionLine)"
                if t.value.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            return error(t.value + extra)
        }
        return error("unexpected \(t.description) in \(context)")
    }

    private mutating func expect(_ kind: TemplateToken.Kind, _ context: String) throws(TemplateParseError)
        -> TemplateToken
    {
        let t = nextNonSpace()
        if t.kind != kind { throw unexpected(t, context) }
        return t
    }

    // MARK: structure

    private mutating func add(_ name: String, _ root: [TemplateNode]) throws(TemplateParseError) {
        let tree = ParsedTemplate(name: name, root: root, source: source)
        if let existing = trees[name], !existing.isEmpty {
            if !tree.isEmpty { throw error("template: multiple definition of template \(GoQuote.quote(name))") }
            return
        }
        trees[name] = tree
    }

    private mutating func parseTop(name: String) throws(TemplateParseError) {
        var root: [TemplateNode] = []
        while peek().kind != .eof {
            if peek().kind == .leftDelim {
                let delim = next()
                if nextNonSpace().kind == .define {
                    try parseDefinition()
                    continue
                }
                backup2(delim)
            }
            let n = try textOrAction()
            switch n {
            case .end: throw error("unexpected {{end}}")
            case .elseNode: throw error("unexpected {{else}}")
            case .node(let node): root.append(node)
            }
        }
        try add(name, root)
    }

    private mutating func parseDefinition() throws(TemplateParseError) {
        let context = "define clause"
        let nameToken = nextNonSpace()
        guard nameToken.kind == .string || nameToken.kind == .rawString else { throw unexpected(nameToken, context) }
        guard let name = GoQuote.unquote(nameToken.value) else { throw error("invalid syntax") }
        _ = try expect(.rightDelim, context)
        let savedVars = vars
        vars = ["$"]
        let (list, end) = try itemList()
        vars = savedVars
        if case .elseNode = end { throw error("unexpected {{else}} in \(context)") }
        try add(name, list)
    }

    private enum ListItem {
        case node(TemplateNode)
        case end
        case elseNode(pos: Int)
    }

    private mutating func itemList() throws(TemplateParseError) -> ([TemplateNode], ListItem) {
        var list: [TemplateNode] = []
        while peekNonSpace().kind != .eof {
            let n = try textOrAction()
            switch n {
            case .end, .elseNode: return (list, n)
            case .node(let node): list.append(node)
            }
        }
        throw error("unexpected EOF")
    }

    private mutating func textOrAction() throws(TemplateParseError) -> ListItem {
        let t = nextNonSpace()
        switch t.kind {
        case .text: return .node(.text(pos: t.pos, text: t.value))
        case .leftDelim:
            actionLine = t.line
            defer { actionLine = 0 }
            return try action()
        default:
            throw unexpected(t, "input")
        }
    }

    private mutating func action() throws(TemplateParseError) -> ListItem {
        let t = nextNonSpace()
        switch t.kind {
        case .block: return .node(try blockControl())
        case .breakKeyword: return .node(try breakOrContinue(t, isBreak: true))
        case .continueKeyword: return .node(try breakOrContinue(t, isBreak: false))
        case .elseKeyword: return try elseControl()
        case .end:
            _ = try expect(.rightDelim, "end")
            return .end
        case .ifKeyword: return .node(.ifNode(try parseControl(allowElseIf: true, context: "if")))
        case .range: return .node(.rangeNode(try parseControl(allowElseIf: false, context: "range")))
        case .template: return .node(try templateControl())
        case .with: return .node(.withNode(try parseControl(allowElseIf: false, context: "with")))
        default: break
        }
        backup()
        let first = peek()
        return .node(.action(pos: first.pos, pipe: try pipeline(context: "command", end: .rightDelim)))
    }

    private mutating func breakOrContinue(_ t: TemplateToken, isBreak: Bool) throws(TemplateParseError) -> TemplateNode
    {
        let word = isBreak ? "{{break}}" : "{{continue}}"
        let n = nextNonSpace()
        if n.kind != .rightDelim { throw unexpected(n, word) }
        if rangeDepth == 0 { throw error("\(word) outside {{range}}") }
        return isBreak ? .breakNode(pos: t.pos) : .continueNode(pos: t.pos)
    }

    private mutating func elseControl() throws(TemplateParseError) -> ListItem {
        let p = peekNonSpace()
        if p.kind == .ifKeyword { return .elseNode(pos: p.pos) }
        let t = try expect(.rightDelim, "else")
        return .elseNode(pos: t.pos)
    }

    private mutating func pipeline(context: String, end: TemplateToken.Kind) throws(TemplateParseError) -> PipeNode {
        let start = peekNonSpace()
        var pipe = PipeNode(pos: start.pos, isAssign: false, decl: [], cmds: [])
        decls: while true {
            let v = peekNonSpace()
            guard v.kind == .variable else { break }
            _ = next()
            let afterVariable = peek()
            let n = peekNonSpace()
            if n.kind == .assign || n.kind == .declare {
                pipe.isAssign = n.kind == .assign
                _ = nextNonSpace()
                pipe.decl.append(v.value)
                vars.append(v.value)
            } else if n.kind == .char && n.value == "," {
                _ = nextNonSpace()
                pipe.decl.append(v.value)
                vars.append(v.value)
                if context == "range" && pipe.decl.count < 2 {
                    switch peekNonSpace().kind {
                    case .variable, .rightDelim, .rightParen: continue decls
                    default: throw error("range can only initialize variables")
                    }
                }
                throw error("too many declarations in \(context)")
            } else if afterVariable.kind == .space {
                backup3(v, afterVariable)
            } else {
                backup2(v)
            }
            break
        }
        while true {
            let t = nextNonSpace()
            if t.kind == end {
                try checkPipeline(pipe, context)
                return pipe
            }
            switch t.kind {
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                .string, .variable, .leftParen:
                backup()
                pipe.cmds.append(try command())
            default:
                throw unexpected(t, context)
            }
        }
    }

    private func checkPipeline(_ pipe: PipeNode, _ context: String) throws(TemplateParseError) {
        if pipe.cmds.isEmpty { throw error("missing value for \(context)") }
        for (i, c) in pipe.cmds.dropFirst().enumerated() {
            switch c.args[0] {
            case .bool, .dot, .nilNode, .number, .string:
                throw error("non executable command in pipeline stage \(i + 2)")
            default: break
            }
        }
    }

    /// Go 1.21+ stops at 10000 levels with this message; a task stack of 512 KiB bounds this parser sooner,
    /// and real templates nest a handful of levels.
    private mutating func enterNesting() throws(TemplateParseError) {
        nesting += 1
        if nesting > Self.maxNesting { throw error("max expression depth exceeded") }
    }

    private mutating func parseControl(allowElseIf: Bool, context: String) throws(TemplateParseError) -> BranchNode {
        try enterNesting()
        defer { nesting -= 1 }
        let mark = vars.count
        defer { vars.removeLast(vars.count - mark) }
        let pipe = try pipeline(context: context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        let (list, next) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [TemplateNode]?
        if case .elseNode = next {
            if allowElseIf && peek().kind == .ifKeyword {
                _ = self.next()
                elseList = [.ifNode(try parseControl(allowElseIf: true, context: "if"))]
            } else {
                let (l, end) = try itemList()
                if case .elseNode = end { throw error("expected end; found {{else}}") }
                elseList = l
            }
        }
        return BranchNode(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func parseTemplateName(_ t: TemplateToken, _ context: String) throws(TemplateParseError) -> String
    {
        guard t.kind == .string || t.kind == .rawString else { throw unexpected(t, context) }
        guard let s = GoQuote.unquote(t.value) else { throw error("invalid syntax") }
        return s
    }

    private mutating func blockControl() throws(TemplateParseError) -> TemplateNode {
        let context = "block clause"
        let t = nextNonSpace()
        let name = try parseTemplateName(t, context)
        let pipe = try pipeline(context: context, end: .rightDelim)
        let savedVars = vars
        let savedDepth = rangeDepth
        vars = ["$"]
        rangeDepth = 0
        let (list, end) = try itemList()
        vars = savedVars
        rangeDepth = savedDepth
        if case .elseNode = end { throw error("unexpected {{else}} in \(context)") }
        try add(name, list)
        return .template(pos: t.pos, name: name, pipe: pipe)
    }

    private mutating func templateControl() throws(TemplateParseError) -> TemplateNode {
        let context = "template clause"
        let t = nextNonSpace()
        let name = try parseTemplateName(t, context)
        var pipe: PipeNode?
        if nextNonSpace().kind != .rightDelim {
            backup()
            pipe = try pipeline(context: context, end: .rightDelim)
        }
        return .template(pos: t.pos, name: name, pipe: pipe)
    }

    private mutating func command() throws(TemplateParseError) -> CommandNode {
        var cmd = CommandNode(pos: peekNonSpace().pos, args: [])
        while true {
            _ = peekNonSpace()
            if let operand = try operand() { cmd.args.append(operand) }
            let t = next()
            switch t.kind {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(t, "operand")
            }
            break
        }
        if cmd.args.isEmpty { throw error("empty command") }
        return cmd
    }

    private mutating func operand() throws(TemplateParseError) -> ArgumentNode? {
        guard var node = try term() else { return nil }
        if peek().kind == .field {
            let chainPos = peek().pos
            var fields: [String] = []
            while peek().kind == .field { fields.append(String(next().value.dropFirst())) }
            switch node {
            case .field(_, let idents): node = .field(pos: chainPos, idents: idents + fields)
            case .variable(_, let idents): node = .variable(pos: chainPos, idents: idents + fields)
            case .bool, .string, .number, .nilNode, .dot:
                throw error("unexpected . after term \(GoQuote.quote(node.description))")
            default: node = .chain(pos: chainPos, node: node, fields: fields)
            }
        }
        return node
    }

    private mutating func term() throws(TemplateParseError) -> ArgumentNode? {
        let t = nextNonSpace()
        switch t.kind {
        case .identifier:
            if !functionExists(t.value) { throw error("function \(GoQuote.quote(t.value)) not defined") }
            return .identifier(pos: t.pos, name: t.value)
        case .dot: return .dot(pos: t.pos)
        case .nilKeyword: return .nilNode(pos: t.pos)
        case .variable:
            let idents = t.value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if !vars.contains(idents[0]) { throw error("undefined variable \(GoQuote.quote(idents[0]))") }
            return .variable(pos: t.pos, idents: idents)
        case .field: return .field(pos: t.pos, idents: [String(t.value.dropFirst())])
        case .bool: return .bool(pos: t.pos, value: t.value == "true")
        case .charConstant, .complex, .number: return .number(try number(t))
        case .leftParen:
            try enterNesting()
            defer { nesting -= 1 }
            return .pipe(try pipeline(context: "parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let s = GoQuote.unquote(t.value) else { throw error("invalid syntax") }
            return .string(pos: t.pos, quoted: t.value, text: s)
        default:
            backup()
            return nil
        }
    }

    private func number(_ t: TemplateToken) throws(TemplateParseError) -> NumberNode {
        var n = NumberNode(pos: t.pos, text: t.value, isComplex: false)
        let text = t.value
        if t.kind == .charConstant {
            guard let r = GoQuote.unquoteRune(text) else { throw error("invalid syntax") }
            n.intValue = Int64(r)
            n.uintValue = UInt64(r)
            n.floatValue = Double(r)
            return n
        }
        if t.kind == .complex || text.hasSuffix("i") {
            throw error("complex numbers are not supported: \(GoQuote.quote(text))")
        }
        let u = GoNumberSyntax.parseUInt(text)
        let i = GoNumberSyntax.parseInt(text)
        n.uintValue = u
        if let i {
            n.intValue = i
            if i == 0 { n.uintValue = u ?? 0 }
        }
        if let i = n.intValue {
            n.floatValue = Double(i)
        } else if let u = n.uintValue {
            n.floatValue = Double(u)
        } else if let f = GoNumberSyntax.parseFloat(text) {
            if !text.contains(where: { ".eEpP".contains($0) }) {
                throw error("integer overflow: \(GoQuote.quote(text))")
            }
            n.floatValue = f
            if f.rounded(.towardZero) == f && abs(f) < 9.2e18 { n.intValue = Int64(f) }
            if f.rounded(.towardZero) == f && f >= 0 && f < 1.8e19 { n.uintValue = UInt64(f) }
        }
        if n.intValue == nil && n.uintValue == nil && n.floatValue == nil {
            throw error("illegal number syntax: \(GoQuote.quote(text))")
        }
        return n
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` / `ParseUint` / `ParseFloat` syntax for template number literals.
enum GoNumberSyntax {
    private static func splitBase(_ s: Substring) -> (Int, Substring)? {
        let lower = s.lowercased()
        if lower.hasPrefix("0x") { return (16, s.dropFirst(2)) }
        if lower.hasPrefix("0o") { return (8, s.dropFirst(2)) }
        if lower.hasPrefix("0b") { return (2, s.dropFirst(2)) }
        if s.count > 1 && s.hasPrefix("0") { return (8, s.dropFirst(1)) }
        return (10, s)
    }

    /// Underscores are only allowed between digits (and after a base prefix).
    private static func digits(_ s: Substring, base: Int, prefixed: Bool) -> String? {
        if s.isEmpty { return nil }
        var out = ""
        var lastUnderscore = !prefixed
        for c in s {
            if c == "_" {
                if lastUnderscore { return nil }
                lastUnderscore = true
                continue
            }
            lastUnderscore = false
            out.append(c)
        }
        if lastUnderscore { return nil }
        return out
    }

    static func parseUInt(_ text: String) -> UInt64? {
        var s = Substring(text)
        if s.hasPrefix("+") { s = s.dropFirst() }
        guard let (base, rest) = splitBase(s), let d = digits(rest, base: base, prefixed: base != 10) else {
            return nil
        }
        return UInt64(d, radix: base)
    }

    static func parseInt(_ text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if s.hasPrefix("+") {
            s = s.dropFirst()
        } else if s.hasPrefix("-") {
            negative = true
            s = s.dropFirst()
        }
        guard let (base, rest) = splitBase(s), let d = digits(rest, base: base, prefixed: base != 10) else {
            return nil
        }
        return Int64((negative ? "-" : "") + d, radix: base)
    }

    static func parseFloat(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        let lower = cleaned.lowercased()
        let value: Double?
        if lower.contains("0x") {
            value = Double(cleaned)
        } else {
            guard cleaned.allSatisfy({ "0123456789.eE+-".contains($0) }) else { return nil }
            value = Double(cleaned)
        }
        // strconv.ParseFloat fails with ErrRange beyond float64's range; the parser then reports bad syntax.
        guard let value, value.isFinite else { return nil }
        return value
    }
}
