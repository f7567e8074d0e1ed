import Yams

/// Builds the YAML Alertmanager prints for a loaded config (`config.original`, `amtool config show`),
/// that is yaml.v2's marshalling of Go structs: fields in struct order, `omitempty` fields left out when
/// empty, map keys sorted, strings quoted only when they would read back as something else.
struct YAMLRender {
    private(set) var pairs: [(Node, Node)] = []

    /// The finished mapping.
    var node: Node { Node(pairs) }

    /// Whether nothing was added (a struct that is all zero).
    var isEmpty: Bool { pairs.isEmpty }

    mutating func add(_ key: String, _ value: Node) {
        pairs.append((Self.string(key), value))
    }

    mutating func string(_ key: String, _ value: String, omitEmpty: Bool = true) {
        if omitEmpty && value.isEmpty { return }
        add(key, Self.string(value))
    }

    mutating func bool(_ key: String, _ value: Bool, omitEmpty: Bool = false) {
        if omitEmpty && !value { return }
        add(key, Node(value ? "true" : "false"))
    }

    mutating func int(_ key: String, _ value: Int64, omitEmpty: Bool = false) {
        if omitEmpty && value == 0 { return }
        add(key, Node(String(value)))
    }

    mutating func secret(_ key: String, _ value: Secret, omitEmpty: Bool = true) {
        if value.isEmpty {
            if !omitEmpty { add(key, Self.null) }
            return
        }
        add(key, Node(Secret.mask))
    }

    mutating func stringList(_ key: String, _ values: [String], flow: Bool = false) {
        if values.isEmpty { return }
        add(key, Node(values.map(Self.string), .implicit, flow ? .flow : .block))
    }

    mutating func stringMap(_ key: String, _ values: [String: String]) {
        if values.isEmpty { return }
        add(key, Self.map(values))
    }

    mutating func mapping(_ key: String, _ value: YAMLRender, omitEmpty: Bool = true) {
        if omitEmpty && value.isEmpty { return }
        add(key, value.node)
    }

    mutating func list(_ key: String, _ values: [Node]) {
        if values.isEmpty { return }
        add(key, Node(values))
    }

    static var null: Node { Node("null") }

    /// A string scalar styled as yaml.v2 styles it: double quotes when it would resolve to a non-string,
    /// a literal block when it has line breaks, otherwise plain (the emitter falls back to single quotes).
    static func string(_ value: String) -> Node {
        if value.contains("\n") { return Node(value, .implicit, .literal) }
        if YAMLScalar.resolveTag(plain: value) != "!!str" || isBase60Float(value) {
            return Node(value, .implicit, .doubleQuoted)
        }
        return Node(value, .implicit, .plain)
    }

    /// A Go map rendered with its keys in yaml.v2's order.
    static func map(_ values: [String: String]) -> Node {
        let keys = values.keys.sorted(by: yamlKeyLess)
        return Node(keys.map { (string($0), string(values[$0] ?? "")) })
    }

    // yaml.v2 quotes YAML 1.1 sexagesimal floats like 1:20 (encode.go isBase60Float):
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    private static func isBase60Float(_ text: String) -> Bool {
        var rest = Substring(text)
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        guard let first = rest.first, first.isASCII, first.isNumber else { return false }
        rest = rest.dropFirst().drop(while: { ($0.isASCII && $0.isNumber) || $0 == "_" })
        var groups = 0
        while rest.first == ":" {
            rest = rest.dropFirst()
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard (1...2).contains(digits.count) else { return false }
            if digits.count == 2, let lead = digits.first, !"012345".contains(lead) { return false }
            rest = rest.dropFirst(digits.count)
            groups += 1
        }
        guard groups > 0 else { return false }
        if rest.first == "." { rest = rest.dropFirst().drop(while: { ($0.isASCII && $0.isNumber) || $0 == "_" }) }
        return rest.isEmpty
    }

    /// yaml.v2's key order (keyList.Less): runs of digits compare as numbers, non-letters before letters.
    static func yamlKeyLess(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        var i = 0
        while i < a.count && i < b.count {
            if a[i] == b[i] {
                i += 1
                continue
            }
            let aLetter = a[i].properties.isAlphabetic
            let bLetter = b[i].properties.isAlphabetic
            if aLetter && bLetter { return a[i].value < b[i].value }
            if aLetter || bLetter { return bLetter }
            var aNumber: Int64 = 0
            var bNumber: Int64 = 0
            if a[i] == "0" || b[i] == "0" {
                var j = i - 1
                while j >= 0, a[j].properties.numericType == .decimal {
                    if a[j] != "0" {
                        aNumber = 1
                        bNumber = 1
                        break
                    }
                    j -= 1
                }
            }
            var ai = i
            while ai < a.count, let digit = a[ai].properties.numericType == .decimal ? Int64(a[ai].value - 48) : nil {
                aNumber = aNumber &* 10 &+ digit
                ai += 1
            }
            var bi = i
            while bi < b.count, let digit = b[bi].properties.numericType == .decimal ? Int64(b[bi].value - 48) : nil {
                bNumber = bNumber &* 10 &+ digit
                bi += 1
            }
            if aNumber != bNumber { return aNumber < bNumber }
            if ai != bi { return ai < bi }
            return a[i].value < b[i].value
        }
        return a.count < b.count
    }

    /// Emits a node as yaml.v2 does: two-space indent, sequences not indented under their key,
    /// 80-column folding, Unicode left as is.
    static func emit(_ node: Node) -> String {
        (try? Yams.serialize(node: node, indent: 2, width: 80, allowUnicode: true)) ?? ""
    }
}
