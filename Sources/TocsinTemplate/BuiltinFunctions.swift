/// Go text/template's predefined functions (`and`, `or`, `not`, `len`, `index`, `slice`, `print`,
/// `printf`, `println`, `html`, `js`, `urlquery`, `call` and the comparisons), with Go's signatures and
/// error texts. `and` and `or` are evaluated lazily by the executor (Go 1.18+ short-circuit).
enum BuiltinFunctions {
    static let table: [String: TemplateFunction] = [
        "and": TemplateFunction([.reflectValue], variadic: .reflectValue) { $0.last ?? .invalid },
        "or": TemplateFunction([.reflectValue], variadic: .reflectValue) { $0.last ?? .invalid },
        "not": TemplateFunction([.reflectValue]) { .bool(!$0[0].isTrue) },
        "len": TemplateFunction([.reflectValue]) { try length($0[0]) },
        "index": TemplateFunction([.reflectValue], variadic: .reflectValue) { try index($0[0], Array($0.dropFirst())) },
        "slice": TemplateFunction([.reflectValue], variadic: .reflectValue) { try slice($0[0], Array($0.dropFirst())) },
        "print": TemplateFunction([], variadic: .any) { .string(GoFormatter.sprint($0)) },
        "printf": TemplateFunction([.string], variadic: .any) {
            .string(GoFormatter.sprintf($0[0].stringValue ?? "", Array($0.dropFirst())))
        },
        "println": TemplateFunction([], variadic: .any) { .string(GoFormatter.sprintln($0)) },
        "html": TemplateFunction([], variadic: .any) { .string(htmlEscape(evalArgs($0))) },
        "js": TemplateFunction([], variadic: .any) { .string(jsEscape(evalArgs($0))) },
        "urlquery": TemplateFunction([], variadic: .any) { .string(queryEscape(evalArgs($0))) },
        "eq": TemplateFunction([.reflectValue], variadic: .reflectValue) {
            try .bool(eq($0[0], Array($0.dropFirst())))
        },
        "ne": TemplateFunction([.reflectValue, .reflectValue]) { try .bool(!eq($0[0], [$0[1]])) },
        "lt": TemplateFunction([.reflectValue, .reflectValue]) { try .bool(lt($0[0], $0[1])) },
        "le": TemplateFunction([.reflectValue, .reflectValue]) { try .bool(le($0[0], $0[1])) },
        "gt": TemplateFunction([.reflectValue, .reflectValue]) { try .bool(!le($0[0], $0[1])) },
        "ge": TemplateFunction([.reflectValue, .reflectValue]) { try .bool(!lt($0[0], $0[1])) },
        "call": TemplateFunction([.reflectValue], variadic: .reflectValue) { try call($0[0], Array($0.dropFirst())) },
    ]

    private static func fail(_ message: String) -> TemplateFunctionError { TemplateFunctionError(message) }

    // MARK: len, index, slice

    static func length(_ item: TemplateValue) throws -> TemplateValue {
        switch item.kindValue {
        case .string(let s): return .int(s.utf8.count)
        case .list(let l): return .int(l.items.count)
        case .map(let m): return .int(m.entries.count)
        case .invalid: throw fail("len of nil pointer")
        default: throw fail("len of type \(item.typeName)")
        }
    }

    private static func indexArgument(_ index: TemplateValue, cap: Int) throws -> Int {
        let x: Int
        switch index.kindValue {
        case .int(let i): x = i
        case .invalid: throw fail("cannot index slice/array with nil")
        default: throw fail("cannot index slice/array with type \(index.typeName)")
        }
        if x < 0 || x > cap { throw fail("index out of range: \(x)") }
        return x
    }

    static func index(_ item: TemplateValue, _ indexes: [TemplateValue]) throws -> TemplateValue {
        if case .invalid = item { throw fail("index of untyped nil") }
        var current = item
        for index in indexes {
            switch current.kindValue {
            case .list(let l):
                let x = try indexArgument(index, cap: l.items.count)
                if x == l.items.count { throw fail("reflect: slice index out of range") }
                current = l.items[x]
            case .string(let s):
                let bytes = Array(s.utf8)
                let x = try indexArgument(index, cap: bytes.count)
                if x == bytes.count { throw fail("reflect: string index out of range") }
                current = .object(GoByte(value: bytes[x]))
            case .map(let m):
                guard case .string(let key) = index else {
                    if case .invalid = index { throw fail("value is nil; should be of type string") }
                    throw fail("value has type \(index.typeName); should be string")
                }
                current = m.entries[key] ?? m.zeroElement
            default:
                throw fail("can't index item of type \(current.typeName)")
            }
        }
        return current
    }

    static func slice(_ item: TemplateValue, _ indexes: [TemplateValue]) throws -> TemplateValue {
        if case .invalid = item { throw fail("slice of untyped nil") }
        if indexes.count > 3 { throw fail("too many slice indexes: \(indexes.count)") }
        let count: Int
        switch item.kindValue {
        case .string(let s):
            if indexes.count == 3 { throw fail("cannot 3-index slice a string") }
            count = s.utf8.count
        case .list(let l): count = l.items.count
        default: throw fail("can't slice item of type \(item.typeName)")
        }
        var idx = [0, count, count]
        for (i, index) in indexes.enumerated() { idx[i] = try indexArgument(index, cap: count) }
        if idx[0] > idx[1] { throw fail("invalid slice index: \(idx[0]) > \(idx[1])") }
        if indexes.count == 3 && idx[1] > idx[2] { throw fail("invalid slice index: \(idx[1]) > \(idx[2])") }
        switch item.kindValue {
        case .string(let s):
            let bytes = Array(s.utf8)[idx[0]..<idx[1]]
            return .string(String(decoding: bytes, as: UTF8.self))
        case .list(let l):
            return .list(TemplateList(Array(l.items[idx[0]..<idx[1]]), typeName: item.typeName))
        default: return .invalid
        }
    }

    // MARK: comparison

    private enum BasicKind { case invalid, bool, int, float, string }

    private static func basicKind(_ v: TemplateValue) -> BasicKind {
        switch v.kindValue {
        case .bool: return .bool
        case .int: return .int
        case .float: return .float
        case .string: return .string
        default: return .invalid
        }
    }

    static func eq(_ arg1: TemplateValue, _ others: [TemplateValue]) throws -> Bool {
        if others.isEmpty { throw fail("missing argument for comparison") }
        let k1 = basicKind(arg1)
        let v1 = arg1.kindValue
        for arg in others {
            let k2 = basicKind(arg)
            let v2 = arg.kindValue
            var truth = false
            if k1 != k2 {
                if case .invalid = arg1 {
                } else if case .invalid = arg {
                } else {
                    throw fail("incompatible types for comparison")
                }
            } else {
                switch (v1, v2) {
                case (.bool(let a), .bool(let b)): truth = a == b
                case (.int(let a), .int(let b)): truth = a == b
                case (.float(let a), .float(let b)): truth = a == b
                case (.string(let a), .string(let b)): truth = a == b
                default:
                    if case .invalid = arg1 {
                        truth = isNilValue(arg)
                    } else if case .invalid = arg {
                        truth = isNilValue(arg1)
                    } else if sameKind(v1, v2) {
                        switch v2 {
                        case .list, .map:
                            throw fail("non-comparable type \(GoFormatter.sprintf("%s", [arg])): \(arg.typeName)")
                        default:
                            truth =
                                GoFormatter.sprint([arg1]) == GoFormatter.sprint([arg]) && arg1.typeName == arg.typeName
                        }
                    } else {
                        throw fail(
                            "non-comparable types \(GoFormatter.sprintf("%s", [arg1])): \(arg1.typeName), \(arg.typeName): \(GoFormatter.sprint([arg]))"
                        )
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    private static func isNilValue(_ v: TemplateValue) -> Bool {
        if case .invalid = v { return true }
        return false
    }

    private static func sameKind(_ a: TemplateValue, _ b: TemplateValue) -> Bool {
        switch (a, b) {
        case (.list, .list), (.map, .map), (.object, .object): return true
        default: return false
        }
    }

    static func lt(_ arg1: TemplateValue, _ arg2: TemplateValue) throws -> Bool {
        let k1 = basicKind(arg1)
        let k2 = basicKind(arg2)
        if k1 == .invalid || k2 == .invalid { throw fail("invalid type for comparison") }
        if k1 != k2 { throw fail("incompatible types for comparison") }
        switch (arg1.kindValue, arg2.kindValue) {
        case (.int(let a), .int(let b)): return a < b
        case (.float(let a), .float(let b)): return a < b
        case (.string(let a), .string(let b)): return a.utf8.lexicographicallyPrecedes(b.utf8)
        default: throw fail("invalid type for comparison")
        }
    }

    static func le(_ arg1: TemplateValue, _ arg2: TemplateValue) throws -> Bool {
        if try lt(arg1, arg2) { return true }
        return try eq(arg1, [arg2])
    }

    // MARK: escaping

    /// Go's `evalArgs`: a lone string as is, otherwise `fmt.Sprint` with nil shown as `<no value>`.
    static func evalArgs(_ args: [TemplateValue]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        // text/template's printableValue: nil prints as <no value>, a pointer as the value it points to.
        return GoFormatter.sprint(
            args.map { if case .invalid = $0 { return .string("<no value>") } else { return $0 } }, dereferenced: true)
    }

    static func htmlEscape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x27 || $0 == 0x22 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0 })
        else {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for ch in s.unicodeScalars {
            switch ch {
            case "\0": out += "\u{FFFD}"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    static func jsEscape(_ s: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            default:
                if ch.value < 0x20 {
                    out += "\\u00"
                    out.append(hex[Int(ch.value >> 4)])
                    out.append(hex[Int(ch.value & 0xF)])
                } else if ch.value >= 0x80 && !GoQuote.isPrint(ch) {
                    var h = String(ch.value, radix: 16, uppercase: true)
                    while h.count < 4 { h = "0" + h }
                    out += "\\u" + h
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
        return out
    }

    /// Go's `url.QueryEscape`.
    static func queryEscape(_ s: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "): out += "+"
            default:
                out += "%"
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }

    // MARK: call

    static func call(_ fn: TemplateValue, _ args: [TemplateValue]) throws -> TemplateValue {
        if case .invalid = fn { throw fail("call of nil") }
        guard case .object(let o) = fn, let callable = o as? TemplateCallable else {
            throw fail("non-function of type \(fn.typeName)")
        }
        let f = callable.function
        let numIn = f.parameters.count
        if f.variadic != nil {
            if args.count < numIn { throw fail("wrong number of args: got \(args.count) want at least \(numIn)") }
        } else if args.count != numIn {
            throw fail("wrong number of args: got \(args.count) want \(numIn)")
        }
        for (i, arg) in args.enumerated() {
            let t = i < numIn ? f.parameters[i] : f.variadic!
            let ok: Bool
            switch (t, arg) {
            case (.any, _), (.reflectValue, _), (.string, .string), (.int, .int), (.bool, .bool), (.float, .float):
                ok = true
            case (.type(let name, let also, _), _): ok = arg.typeName == name || also.contains(arg.typeName)
            default: ok = false
            }
            if !ok {
                if case .invalid = arg { throw fail("arg \(i): value is nil; should be of type \(t.goName)") }
                throw fail("arg \(i): value has type \(arg.typeName); should be \(t.goName)")
            }
        }
        return try f.body(args)
    }
}

/// A Go `uint8`, what `index` yields for a byte of a string.
struct GoByte: TemplateObject {
    let value: UInt8
    var typeName: String { "uint8" }
    var kindView: TemplateValue? { .int(Int(value)) }
}
