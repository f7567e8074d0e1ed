import TocsinModel
import Foundation
import Yams

/// Walks a Yams node tree the way yaml.v2's `UnmarshalStrict` walks alertmanager.yml.
///
/// Yams' `Decodable` ignores unknown keys, while Alertmanager rejects them; and yaml.v2 collects type errors
/// (`line 3: field foo not found in type config.plain`) across the whole document while a validation error
/// stops at once. This decoder keeps both behaviours: type errors accumulate in `typeErrors`, validation
/// errors are thrown, and `decodeObject` tells a caller whether its subtree had type errors, because
/// Alertmanager skips an object's validation in that case.
final class StrictDecoder {
    /// Type errors so far, each already formatted as `line N: ...`.
    private(set) var typeErrors: [String] = []

    /// Marks a key that repeats an earlier key of the same mapping (see `parse`).
    static let duplicateMarker: Character = "\u{1}"

    /// Parses YAML text into its root node, reporting syntax errors as yaml.v2 does (`yaml: line 2: ...`).
    ///
    /// Yams refuses mappings with repeated keys outright, while yaml.v2 reports each repeat as a type error
    /// in document order next to the others. So a repeated key is renamed in the text (same line) to
    /// `key<U+0001>n` and parsed again; `fields` and the map readers turn it back into a repeat error.
    static func parse(_ text: String) throws(ConfigError) -> Node? {
        var source = text
        var renamed = 0
        while true {
            do {
                // yaml.v2 decodes the first document only and never looks past it.
                return try Parser(yaml: source).nextRoot()
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let duplicates, let context) = error {
                    if renamed < 1000, let fixed = renameRepeats(of: duplicates, inMappingAt: context.mark, in: source, counter: &renamed) {
                        source = fixed
                        continue
                    }
                    throw ConfigError("yaml: unmarshal errors:\n  line \(context.mark.line): field \(duplicates.first ?? "") already set in type config.plain")
                }
                if case .composer(_, "found undefined alias", let mark, _) = error {
                    throw ConfigError("yaml: unknown anchor '\(Self.aliasName(at: mark, in: source))' referenced")
                }
                throw ConfigError(Self.describe(error))
            } catch {
                throw ConfigError("yaml: \(error)")
            }
        }
    }

    /// The key's name with any repeat marker removed, and whether it was a repeat.
    static func keyName(_ raw: String) -> (name: String, isRepeat: Bool) {
        guard let marker = raw.firstIndex(of: duplicateMarker) else { return (raw, false) }
        return (String(raw[..<marker]), true)
    }

    // Renames the second and later occurrences of each key in the mapping that starts at `mark`, in a
    // block mapping (keys at the mapping's column) or a flow mapping (`{...}`, keys at depth one).
    private static func renameRepeats(of keys: [String], inMappingAt mark: Mark, in text: String, counter: inout Int) -> String? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        let startLine = mark.line - 1
        let column = max(mark.column - 1, 0)
        guard startLine >= 0, startLine < lines.count else { return nil }
        var counts: [String: Int] = [:]
        var changed = false
        func rename(_ line: Int, _ at: Int, _ key: String) {
            counter += 1
            let quoted = "\"" + key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\\x01\(counter)\""
            lines[line].replaceSubrange(at..<(at + key.count), with: Array(quoted))
            changed = true
        }
        func keyAt(_ line: Int, _ at: Int) -> String? {
            let chars = lines[line]
            for key in keys {
                let k = Array(key)
                guard at + k.count < chars.count, Array(chars[at..<(at + k.count)]) == k else { continue }
                var after = at + k.count
                while after < chars.count, chars[after] == " " { after += 1 }
                if after < chars.count, chars[after] == ":", after + 1 == chars.count || " \t,}".contains(chars[after + 1]) {
                    return key
                }
            }
            return nil
        }
        if column < lines[startLine].count, lines[startLine][column] == "{" {
            var depth = 0
            var line = startLine
            var index = column
            var expectKey = false
            while line < lines.count {
                while index < lines[line].count {
                    let character = lines[line][index]
                    if expectKey, character != " " {
                        expectKey = false
                        if depth == 1, let key = keyAt(line, index) {
                            counts[key, default: 0] += 1
                            if counts[key]! > 1 { rename(line, index, key) }
                        }
                    }
                    switch character {
                    case "{", "[":
                        depth += 1
                        expectKey = character == "{" && depth == 1
                    case "}", "]":
                        depth -= 1
                        if depth == 0 { return changed ? lines.map { String($0) }.joined(separator: "\n") : nil }
                    case ",": expectKey = depth == 1
                    default: break
                    }
                    index += 1
                }
                line += 1
                index = 0
            }
            return nil
        }
        for line in startLine..<lines.count {
            let chars = lines[line]
            let firstContent = chars.firstIndex(where: { $0 != " " && $0 != "-" }) ?? chars.count
            if line > startLine, firstContent < chars.count, chars[firstContent] != "#" {
                let firstNonSpace = chars.firstIndex(where: { $0 != " " }) ?? chars.count
                if firstNonSpace < column { break }
            }
            guard column <= chars.count, chars[..<column].allSatisfy({ $0 == " " || $0 == "-" }), let key = keyAt(line, column) else {
                continue
            }
            counts[key, default: 0] += 1
            if counts[key]! > 1 { rename(line, column, key) }
        }
        return changed ? lines.map { String($0) }.joined(separator: "\n") : nil
    }

    private static func aliasName(at mark: Mark, in text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return "" }
        let rest = lines[mark.line - 1].dropFirst(max(mark.column - 1, 0))
        let name = rest.drop(while: { $0 == "*" }).prefix(while: { !" ,[]{}\t".contains($0) })
        return String(name)
    }

    // yaml.v2 prints only the problem. Its line (parserc's fail()) is the 0-based problem line, plus one
    // for scanner errors; when that is 0 it falls back to the 0-based context line, and to no line at all.
    private static func describe(_ error: YamlError) -> String {
        func message(_ problem: String, _ mark: Mark, _ context: YamlError.Context?, scanner: Bool) -> String {
            let problemLine = mark.line - 1
            if problemLine != 0 { return "yaml: line \(scanner ? problemLine + 1 : problemLine): \(problem)" }
            if let context, context.mark.line - 1 != 0 { return "yaml: line \(context.mark.line - 1): \(problem)" }
            return "yaml: \(problem)"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _):
            return message(problem, mark, context, scanner: true)
        case .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            return message(problem, mark, context, scanner: false)
        default:
            return "yaml: \(error)"
        }
    }

    /// The 1-based line of a node, as yaml.v2 reports it.
    func line(_ node: Node) -> Int { node.mark?.line ?? 0 }

    /// Whether a node is YAML null, which yaml.v2 decodes as the zero value without calling any unmarshaler.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        if scalar.tag.description.hasSuffix(":null") { return true }
        return (scalar.style == .plain || scalar.style == .any) && YAMLScalar.resolveTag(plain: scalar.string) == "!!null"
    }

    /// Records yaml.v2's `cannot unmarshal` error for a node that does not fit `goType`.
    func typeMismatch(_ node: Node, _ goType: String) {
        let tag = YAMLScalar.shortTag(of: node)
        var value = ""
        if case .scalar(let scalar) = node {
            let raw = scalar.string
            value = raw.utf8.count > 10 ? " `" + String(decoding: Array(raw.utf8.prefix(7)), as: UTF8.self) + "...`" : " `\(raw)`"
        }
        typeErrors.append("line \(line(node)): cannot unmarshal \(tag)\(value) into \(goType)")
    }

    /// Runs `body` and reports whether it added no type errors, so the caller knows whether to validate.
    func decodeObject(_ body: () throws(ConfigError) -> Void) throws(ConfigError) -> Bool {
        let before = typeErrors.count
        try body()
        return typeErrors.count == before
    }

    /// Walks a mapping that stands for a Go struct named `goType` (for example `config.plain`), in document
    /// order. `body` returns false for a key the struct does not have, which becomes a
    /// `field x not found in type T` error; a key given twice becomes `field x already set in type T`.
    /// Null leaves the struct at its zero value, as yaml.v2 does.
    func fields(_ node: Node, _ goType: String, _ body: (String, Node) throws(ConfigError) -> Bool) throws(ConfigError) {
        if Self.isNull(node) { return }
        guard case .mapping(let mapping) = node else {
            typeMismatch(node, goType)
            return
        }
        var seen = Set<String>()
        for (key, value) in mapping {
            if case .scalar(let scalar) = key, scalar.string == "<<", scalar.style == .plain || scalar.style == .any {
                try mergeFields(value, goType, body)
                continue
            }
            guard case .scalar(let keyScalar) = key else {
                typeMismatch(key, "string")
                continue
            }
            let name = Self.keyName(keyScalar.string).name
            if seen.contains(name) {
                typeErrors.append("line \(line(key)): field \(name) already set in type \(goType)")
                continue
            }
            if try body(name, value) {
                seen.insert(name)
            } else {
                typeErrors.append("line \(line(key)): field \(name) not found in type \(goType)")
            }
        }
    }

    // yaml.v2 applies `<<: *anchor` (a mapping or a list of mappings) in place.
    private func mergeFields(_ node: Node, _ goType: String, _ body: (String, Node) throws(ConfigError) -> Bool) throws(ConfigError) {
        switch node {
        case .mapping: try fields(node, goType, body)
        case .sequence(let sequence):
            for element in sequence { try fields(element, goType, body) }
        default: typeErrors.append("line \(line(node)): map merge requires map or sequence of maps as the value")
        }
    }

    /// The text of a scalar for a string-typed target; nil (with a type error) for lists and maps.
    /// Null gives "" because yaml.v2 stores the zero value.
    func string(_ node: Node, _ goType: String = "string") -> String? {
        switch node {
        case .scalar(let scalar):
            return Self.isNull(node) ? "" : scalar.string
        default:
            typeMismatch(node, goType)
            return nil
        }
    }

    /// A scalar's text for a custom unmarshaler that first reads a string: `.none` for null (the
    /// unmarshaler is not called), nil for a type error.
    func customText(_ node: Node) -> String?? {
        if Self.isNull(node) { return .some(.none) }
        guard let text = string(node) else { return nil }
        return .some(text)
    }

    /// A YAML 1.1 boolean; null gives false.
    func bool(_ node: Node) -> Bool? {
        if Self.isNull(node) { return false }
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = YAMLScalar.bool(plain: scalar.string)
        {
            return value
        }
        typeMismatch(node, "bool")
        return nil
    }

    /// A signed integer; null gives 0.
    func int64(_ node: Node, _ goType: String = "int64") -> Int64? {
        if Self.isNull(node) { return 0 }
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any {
            let plain = scalar.string.replacingOccurrences(of: "_", with: "")
            if let value = YAMLScalar.goParseInt(plain) { return value }
            if YAMLScalar.resolveTag(plain: scalar.string) == "!!float", let double = Double(plain),
                double.rounded(.towardZero) == double, abs(double) < 9.2e18
            {
                return Int64(double)
            }
        }
        typeMismatch(node, goType)
        return nil
    }

    /// An unsigned integer; null gives 0.
    func uint64(_ node: Node) -> UInt64? {
        if Self.isNull(node) { return 0 }
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any,
            let value = YAMLScalar.goParseInt(scalar.string.replacingOccurrences(of: "_", with: "")), value >= 0
        {
            return UInt64(value)
        }
        typeMismatch(node, "uint64")
        return nil
    }

    /// A list decoded element by element; null gives an empty list.
    func list<T>(_ node: Node, _ goType: String, _ element: (Node) throws(ConfigError) -> T?) throws(ConfigError) -> [T]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, goType)
            return nil
        }
        var out: [T] = []
        for item in sequence {
            if let value = try element(item) { out.append(value) }
        }
        return out
    }

    /// A list of strings (`[]string`).
    func stringList(_ node: Node, _ goType: String = "[]string") -> [String]? {
        if Self.isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            typeMismatch(node, goType)
            return nil
        }
        return sequence.compactMap { string($0) }
    }

    /// A `map[string]string`, in document order; null gives an empty map.
    func stringMap(_ node: Node, _ goType: String = "map[string]string") -> [String: String]? {
        if Self.isNull(node) { return [:] }
        guard case .mapping(let mapping) = node else {
            typeMismatch(node, goType)
            return nil
        }
        var out: [String: String] = [:]
        for (key, value) in mapping {
            guard let raw = string(key), let text = string(value) else { continue }
            let name = Self.keyName(raw).name
            if out[name] != nil {
                typeErrors.append("line \(line(key)): key \(GoQuote.quote(name)) already set in map")
                continue
            }
            out[name] = text
        }
        return out
    }

    /// A map from strings to values decoded one by one, keeping document order.
    func orderedMap<T>(_ node: Node, _ goType: String, _ element: (String, Node) throws(ConfigError) -> T?) throws(ConfigError) -> [(String, T)]? {
        if Self.isNull(node) { return [] }
        guard case .mapping(let mapping) = node else {
            typeMismatch(node, goType)
            return nil
        }
        var out: [(String, T)] = []
        var names = Set<String>()
        for (key, value) in mapping {
            guard let raw = string(key) else { continue }
            let name = Self.keyName(raw).name
            if !names.insert(name).inserted {
                typeErrors.append("line \(line(key)): key \(GoQuote.quote(name)) already set in map")
                continue
            }
            if let decoded = try element(name, value) { out.append((name, decoded)) }
        }
        return out
    }
}
