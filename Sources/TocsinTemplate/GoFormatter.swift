import Foundation

/// Go's `fmt.Sprint`, `Sprintf` and `Sprintln` over template values: what `{{ .X }}`, `print`, `printf`
/// and `println` output, including Go's `%!verb(type=value)` notations for mismatched arguments.
enum GoFormatter {
    static func sprint(_ args: [TemplateValue], dereferenced: Bool = false) -> String {
        var p = GoPrinter()
        p.dereferenced = dereferenced
        var previousString = false
        for (i, arg) in args.enumerated() {
            let isString = arg.stringValue != nil && !isInvalid(arg)
            if i > 0 && !isString && !previousString { p.buf += " " }
            p.printArg(arg, "v")
            previousString = isString
        }
        return p.buf
    }

    static func sprintln(_ args: [TemplateValue]) -> String {
        var p = GoPrinter()
        for (i, arg) in args.enumerated() {
            if i > 0 { p.buf += " " }
            p.printArg(arg, "v")
        }
        p.buf += "\n"
        return p.buf
    }

    static func sprintf(_ format: String, _ args: [TemplateValue]) -> String {
        var p = GoPrinter()
        p.doPrintf(Array(format.unicodeScalars), args)
        return p.buf
    }

    private static func isInvalid(_ v: TemplateValue) -> Bool {
        if case .invalid = v { return true }
        return false
    }
}

/// The state of one `fmt` call: the output and the flags of the verb being formatted.
struct GoPrinter {
    var buf = ""
    var plus = false
    var minus = false
    var sharp = false
    var space = false
    var zero = false
    var width: Int?
    var precision: Int?
    var dereferenced = false
    private var erroring = false
    private var reordered = false

    private mutating func clearFlags() {
        plus = false
        minus = false
        sharp = false
        space = false
        zero = false
        width = nil
        precision = nil
    }

    // MARK: Printf

    mutating func doPrintf(_ format: [Unicode.Scalar], _ args: [TemplateValue]) {
        var argNum = 0
        var afterIndex = false
        reordered = false
        var i = 0
        let end = format.count
        while i < end {
            let lasti = i
            while i < end && format[i] != "%" { i += 1 }
            if i > lasti { buf.unicodeScalars.append(contentsOf: format[lasti..<i]) }
            if i >= end { break }
            i += 1
            clearFlags()
            flags: while i < end {
                switch format[i] {
                case "#": sharp = true
                case "0": zero = !minus
                case "+": plus = true
                case "-":
                    minus = true
                    zero = false
                case " ": space = true
                default: break flags
                }
                i += 1
            }
            (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count)
            if i < end && format[i] == "*" {
                i += 1
                let (w, ok, next) = intFromArg(args, argNum)
                argNum = next
                if !ok {
                    buf += "%!(BADWIDTH)"
                } else if w < 0 {
                    minus = true
                    zero = false
                    width = -w
                } else {
                    width = w
                }
                afterIndex = false
            } else {
                let (w, next) = parseNum(format, i)
                if let w {
                    if afterIndex { reordered = true }
                    width = w
                }
                i = next
            }
            if i < end && format[i] == "." {
                i += 1
                if afterIndex { reordered = true }
                (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count)
                if i < end && format[i] == "*" {
                    i += 1
                    let (p, ok, next) = intFromArg(args, argNum)
                    argNum = next
                    precision = p < 0 ? nil : p
                    if !ok { buf += "%!(BADPREC)" }
                    afterIndex = false
                } else {
                    let (p, next) = parseNum(format, i)
                    precision = p ?? 0
                    i = next
                }
            }
            if !afterIndex { (argNum, i, afterIndex) = argNumber(argNum, format, i, args.count) }
            if i >= end {
                buf += "%!(NOVERB)"
                break
            }
            let verb = format[i]
            i += 1
            switch true {
            case verb == "%":
                buf += "%"
            case argNum >= args.count:
                buf += "%!"
                buf.unicodeScalars.append(verb)
                buf += "(MISSING)"
            default:
                printArg(args[argNum], verb)
                argNum += 1
            }
        }
        if !reordered && argNum < args.count {
            clearFlags()
            buf += "%!(EXTRA "
            for (k, arg) in args[argNum...].enumerated() {
                if k > 0 { buf += ", " }
                if case .invalid = arg {
                    buf += "<nil>"
                } else {
                    buf += arg.typeName + "="
                    printArg(arg, "v")
                }
            }
            buf += ")"
        }
    }

    private func parseNum(_ f: [Unicode.Scalar], _ start: Int) -> (Int?, Int) {
        var i = start
        var n = 0
        var found = false
        while i < f.count, let d = f[i].properties.numericType == .decimal ? Int(String(f[i])) : nil, f[i].isASCII {
            n = n * 10 + d
            found = true
            i += 1
            if n > 1_000_000 { return (nil, i) }
        }
        return (found ? n : nil, i)
    }

    private mutating func argNumber(_ argNum: Int, _ f: [Unicode.Scalar], _ i: Int, _ numArgs: Int) -> (Int, Int, Bool) {
        guard i < f.count, f[i] == "[" else { return (argNum, i, false) }
        reordered = true
        var j = i + 1
        while j < f.count && f[j] != "]" { j += 1 }
        guard j < f.count else {
            return (argNum, i + 1, false)
        }
        let (n, next) = parseNum(f, i + 1)
        if let n, next == j, n >= 1, n <= numArgs {
            return (n - 1, j + 1, true)
        }
        buf += "%!v(BADINDEX)"
        return (argNum, j + 1, false)
    }

    private func intFromArg(_ args: [TemplateValue], _ argNum: Int) -> (Int, Bool, Int) {
        guard argNum < args.count else { return (0, false, argNum) }
        if case .int(let n) = args[argNum].kindValue { return (n, true, argNum + 1) }
        return (0, false, argNum + 1)
    }

    // MARK: arguments

    mutating func printArg(_ arg: TemplateValue, _ verb: Unicode.Scalar) {
        if case .invalid = arg {
            switch verb {
            case "T", "v": pad("<nil>")
            default: badVerb(verb, arg, "")
            }
            return
        }
        if verb == "T" {
            fmtString(arg.typeName, "s")
            return
        }
        printValue(arg, verb, depth: 0, typeName: arg.typeName, top: arg)
    }

    private mutating func badVerb(_ verb: Unicode.Scalar, _ arg: TemplateValue, _ typeName: String) {
        erroring = true
        buf += "%!"
        buf.unicodeScalars.append(verb)
        buf += "("
        if case .invalid = arg {
            buf += "<nil>"
        } else {
            buf += typeName + "="
            let saved = (plus, minus, sharp, space, zero, width, precision)
            printValue(arg, "v", depth: 0, typeName: typeName, top: arg)
            (plus, minus, sharp, space, zero, width, precision) = saved
        }
        buf += ")"
        erroring = false
    }

    private mutating func printValue(
        _ value: TemplateValue, _ verb: Unicode.Scalar, depth: Int, typeName: String, top: TemplateValue
    ) {
        switch value {
        case .invalid:
            if depth == 0 {
                buf += "<invalid reflect.Value>"
            } else {
                switch verb {
                case "v": pad("<nil>")
                default: badVerb(verb, value, "")
                }
            }
        case .bool(let b):
            switch verb {
            case "t", "v": pad(b ? "true" : "false")
            default: badVerb(verb, top, typeName)
            }
        case .int(let n): fmtInteger(n, verb, top: top, typeName: typeName)
        case .float(let f): fmtFloat(f, verb, top: top, typeName: typeName)
        case .string(let s):
            switch verb {
            case "v", "s", "x", "X", "q": fmtString(s, verb)
            default: badVerb(verb, top, typeName)
            }
        case .list(let l):
            buf += "["
            for (i, item) in l.items.enumerated() {
                if i > 0 { buf += " " }
                printValue(item, verb, depth: depth + 1, typeName: item.typeName, top: item)
            }
            buf += "]"
        case .map(let m):
            buf += "map["
            for (i, key) in m.sortedKeys.enumerated() {
                if i > 0 { buf += " " }
                printValue(.string(key), verb, depth: depth + 1, typeName: "string", top: .string(key))
                buf += ":"
                let v = m.entries[key]!
                printValue(v, verb, depth: depth + 1, typeName: v.typeName, top: v)
            }
            buf += "]"
        case .object(let o):
            if !erroring, let s = o.stringerDescription, ["v", "s", "x", "X", "q"].contains(verb) {
                fmtString(s, verb)
                return
            }
            if let view = o.kindView {
                printValue(view, verb, depth: depth, typeName: o.typeName, top: value)
                return
            }
            if let fields = o.structFields {
                if o.isPointer && depth == 0 && !dereferenced { buf += "&" }
                buf += "{"
                for (i, f) in fields.enumerated() {
                    if i > 0 { buf += " " }
                    printValue(f, verb, depth: depth + 1, typeName: f.typeName, top: f)
                }
                buf += "}"
                return
            }
            badVerb(verb, top, typeName)
        }
    }

    // MARK: padding

    private mutating func pad(_ s: String) {
        guard let width else {
            buf += s
            return
        }
        let n = s.unicodeScalars.count
        if n >= width {
            buf += s
            return
        }
        let padding = String(repeating: zero && !minus ? "0" : " ", count: width - n)
        if minus { buf += s + padding } else { buf += padding + s }
    }

    // MARK: strings

    private mutating func fmtString(_ s: String, _ verb: Unicode.Scalar) {
        switch verb {
        case "v", "s":
            if let p = precision {
                pad(String(String.UnicodeScalarView(s.unicodeScalars.prefix(p))))
            } else {
                pad(s)
            }
        case "x", "X":
            var bytes = Array(s.utf8)
            if let p = precision, p < bytes.count { bytes = Array(bytes.prefix(p)) }
            let digits = verb == "x" ? "0123456789abcdef" : "0123456789ABCDEF"
            let d = Array(digits)
            var out = ""
            for (i, b) in bytes.enumerated() {
                if space && i > 0 { out += " " }
                if sharp && (space || i == 0) { out += verb == "x" ? "0x" : "0X" }
                out.append(d[Int(b >> 4)])
                out.append(d[Int(b & 0xF)])
            }
            pad(out)
        case "q":
            var str = s
            if let p = precision { str = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p))) }
            if sharp && !str.contains("`")
                && str.unicodeScalars.allSatisfy({
                    $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{FEFF}")
                })
            {
                pad("`" + str + "`")
            } else if plus {
                pad(GoQuote.quoteToASCII(str))
            } else {
                pad(GoQuote.quote(str))
            }
        default:
            pad(s)
        }
    }

    // MARK: integers

    private mutating func fmtInteger(_ n: Int, _ verb: Unicode.Scalar, top: TemplateValue, typeName: String) {
        switch verb {
        case "v", "d": fmtIntegerBase(n, base: 10, upper: false, verb: verb)
        case "b": fmtIntegerBase(n, base: 2, upper: false, verb: verb)
        case "o", "O": fmtIntegerBase(n, base: 8, upper: false, verb: verb)
        case "x": fmtIntegerBase(n, base: 16, upper: false, verb: verb)
        case "X": fmtIntegerBase(n, base: 16, upper: true, verb: verb)
        case "c":
            pad(String(Unicode.Scalar(UInt32(truncatingIfNeeded: n)) ?? "\u{FFFD}"))
        case "q":
            pad(GoQuote.quoteRune(Unicode.Scalar(UInt32(truncatingIfNeeded: n)) ?? "\u{FFFD}"))
        case "U":
            var hex = String(UInt64(bitPattern: Int64(n)), radix: 16, uppercase: true)
            let minDigits = max(4, precision ?? 0)
            while hex.count < minDigits { hex = "0" + hex }
            var s = "U+" + hex
            if sharp, let r = Unicode.Scalar(UInt32(truncatingIfNeeded: n)), n >= 0, n <= 0x10FFFF, GoQuote.isPrint(r) {
                s += " '\(r)'"
            }
            let savedZero = zero
            zero = false
            pad(s)
            zero = savedZero
        default:
            badVerb(verb, top, typeName)
        }
    }

    private mutating func fmtIntegerBase(_ n: Int, base: Int, upper: Bool, verb: Unicode.Scalar) {
        let negative = n < 0
        let magnitude = n.magnitude
        var digits = String(magnitude, radix: base, uppercase: upper)
        var prec = -1
        if let p = precision {
            prec = p
            if p == 0 && n == 0 {
                let savedZero = zero
                zero = false
                pad("")
                zero = savedZero
                return
            }
        } else if zero, let w = width, !minus {
            prec = w
            if negative || plus || space { prec -= 1 }
        }
        if prec > digits.count { digits = String(repeating: "0", count: prec - digits.count) + digits }
        if sharp {
            switch base {
            case 8: if !digits.hasPrefix("0") { digits = "0" + digits }
            case 16: digits = (upper ? "0X" : "0x") + digits
            case 2: digits = "0b" + digits
            default: break
            }
        }
        if verb == "O" { digits = "0o" + digits }
        if negative {
            digits = "-" + digits
        } else if plus {
            digits = "+" + digits
        } else if space {
            digits = " " + digits
        }
        let savedZero = zero
        zero = false
        pad(digits)
        zero = savedZero
    }

    // MARK: floats

    private mutating func fmtFloat(_ f: Double, _ verb: Unicode.Scalar, top: TemplateValue, typeName: String) {
        var num: String
        switch verb {
        case "v", "g", "G":
            if let p = precision {
                num = String(format: "%.\(p)" + (verb == "G" ? "G" : "g"), f)
            } else {
                num = GoFloat.shortestG(f, upper: verb == "G")
            }
        case "e", "E", "f", "F":
            let p = precision ?? 6
            let c = verb == "F" ? "f" : String(verb)
            num = String(format: "%.\(p)" + c, f)
        default:
            badVerb(verb, top, typeName)
            return
        }
        if f.isNaN {
            num = (plus ? "+" : space ? " " : "") + "NaN"
        } else if f.isInfinite {
            num = (f < 0 ? "-" : plus ? "+" : space ? " " : "") + "Inf"
        }
        if f.isNaN || f.isInfinite {
            let savedZero = zero
            zero = false
            pad(num)
            zero = savedZero
            return
        }
        if !num.hasPrefix("-") {
            if plus { num = "+" + num } else if space { num = " " + num }
        }
        if zero, let w = width, !minus, w > num.count {
            var body = Substring(num)
            var sign = ""
            if let c = body.first, c == "-" || c == "+" || c == " " {
                sign = String(c)
                body = body.dropFirst()
            }
            buf += sign + String(repeating: "0", count: w - num.count) + body
            return
        }
        let savedZero = zero
        zero = false
        pad(num)
        zero = savedZero
    }
}

/// Go's shortest float formatting (`strconv.FormatFloat(f, 'g', -1, 64)`), which `%v` uses.
enum GoFloat {
    /// The shortest digits that round-trip and the decimal point position (`0.0123` → ("123", -1)).
    static func shortestDigits(_ f: Double) -> (digits: String, dp: Int) {
        var s = "\(abs(f))"
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exp = Int(s[s.index(after: e)...])!
            s = String(s[..<e])
        }
        var intPart = s
        var frac = ""
        if let dot = s.firstIndex(of: ".") {
            intPart = String(s[..<dot])
            frac = String(s[s.index(after: dot)...])
        }
        var digits = intPart + frac
        var dp = intPart.count + exp
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            dp -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        if digits == "0" { dp = 1 }
        return (digits, dp)
    }

    static func shortestG(_ f: Double, upper: Bool) -> String {
        if f.isNaN || f.isInfinite { return "" }
        let negative = f.sign == .minus
        let (digits, dp) = shortestDigits(f)
        let sign = negative ? "-" : ""
        let exp = digits == "0" ? 0 : dp - 1
        // strconv uses %e when the exponent is < -4 or >= 6 for the shortest form (ftoa.go formatDigits).
        if exp < -4 || exp >= 6 {
            return sign + formatE(digits, exp: exp, upper: upper)
        }
        return sign + formatF(digits, dp: dp)
    }

    static func formatE(_ digits: String, exp: Int, upper: Bool) -> String {
        var s = String(digits.first!)
        if digits.count > 1 { s += "." + digits.dropFirst() }
        s += upper ? "E" : "e"
        s += exp < 0 ? "-" : "+"
        let e = abs(exp)
        s += e < 10 ? "0\(e)" : "\(e)"
        return s
    }

    static func formatF(_ digits: String, dp: Int) -> String {
        if dp <= 0 { return "0." + String(repeating: "0", count: -dp) + digits }
        if dp >= digits.count { return digits + String(repeating: "0", count: dp - digits.count) }
        let i = digits.index(digits.startIndex, offsetBy: dp)
        return digits[..<i] + "." + digits[i...]
    }
}
