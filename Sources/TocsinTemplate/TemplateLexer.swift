/// Splits template text into tokens with Go text/template's rules: `{{`/`}}` delimiters, `{{- ` and ` -}}`
/// trimming, `{{/* */}}` comments, and the action grammar (fields, variables, strings, numbers, keywords).
///
/// Tokens carry byte offsets into the original text so errors report Go's line:column. Lexing stops at the
/// first error token, as Go's lexer does.
struct TemplateLexer {
    private let input: [UInt8]
    private let text: String
    private var pos = 0
    private var start = 0
    private var parenDepth = 0
    private(set) var tokens: [TemplateToken] = []
    private var lineStarts: [Int] = [0]

    static let keywords: [String: TemplateToken.Kind] = [
        ".": .dot, "block": .block, "break": .breakKeyword, "continue": .continueKeyword, "define": .define,
        "else": .elseKeyword, "end": .end, "if": .ifKeyword, "range": .range, "nil": .nilKeyword,
        "template": .template, "with": .with,
    ]

    init(_ text: String) {
        self.text = text
        self.input = Array(text.utf8)
        for (i, b) in input.enumerated() where b == UInt8(ascii: "\n") { lineStarts.append(i + 1) }
        run()
    }

    /// 1-based line of the byte at `offset`.
    func line(at offset: Int) -> Int {
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    private mutating func run() {
        var state: State = .text
        while true {
            switch state {
            case .text: state = lexText()
            case .insideAction: state = lexInsideAction()
            case .done: return
            }
        }
    }

    private enum State { case text, insideAction, done }

    private func slice(_ a: Int, _ b: Int) -> String {
        String(decoding: input[a..<b], as: UTF8.self)
    }

    private mutating func emit(_ kind: TemplateToken.Kind) {
        tokens.append(TemplateToken(kind: kind, pos: start, value: slice(start, pos), line: line(at: start)))
        start = pos
    }

    private mutating func fail(_ message: String) -> State {
        tokens.append(TemplateToken(kind: .error, pos: start, value: message, line: line(at: start)))
        return .done
    }

    private func hasPrefix(_ s: String, at offset: Int) -> Bool {
        let bytes = Array(s.utf8)
        guard offset + bytes.count <= input.count else { return false }
        for (i, b) in bytes.enumerated() where input[offset + i] != b { return false }
        return true
    }

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    private func hasLeftTrimMarker(at offset: Int) -> Bool {
        offset + 1 < input.count && input[offset] == UInt8(ascii: "-") && Self.isSpace(input[offset + 1])
    }

    private func hasRightTrimMarker(at offset: Int) -> Bool {
        offset + 1 < input.count && Self.isSpace(input[offset]) && input[offset + 1] == UInt8(ascii: "-")
    }

    private func atRightDelim() -> (delim: Bool, trim: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix("}}", at: pos + 2) { return (true, true) }
        if hasPrefix("}}", at: pos) { return (true, false) }
        return (false, false)
    }

    private mutating func lexText() -> State {
        var i = pos
        var found = -1
        while i + 1 < input.count {
            if input[i] == UInt8(ascii: "{") && input[i + 1] == UInt8(ascii: "{") {
                found = i
                break
            }
            i += 1
        }
        if found >= 0 {
            pos = found
            var trimLength = 0
            if hasLeftTrimMarker(at: pos + 2) {
                var j = pos
                while j > start && Self.isSpace(input[j - 1]) { j -= 1 }
                trimLength = pos - j
            }
            pos -= trimLength
            if pos > start { emit(.text) }
            pos += trimLength
            start = pos
            return lexLeftDelim()
        }
        pos = input.count
        if pos > start { emit(.text) }
        emit(.eof)
        return .done
    }

    private mutating func lexLeftDelim() -> State {
        pos += 2
        let trim = hasLeftTrimMarker(at: pos)
        let afterMarker = trim ? 2 : 0
        if hasPrefix("/*", at: pos + afterMarker) {
            pos += afterMarker
            start = pos
            return lexComment()
        }
        emit(.leftDelim)
        pos += afterMarker
        start = pos
        parenDepth = 0
        return .insideAction
    }

    private mutating func lexComment() -> State {
        pos += 2
        var i = pos
        var found = -1
        while i + 1 < input.count {
            if input[i] == UInt8(ascii: "*") && input[i + 1] == UInt8(ascii: "/") {
                found = i
                break
            }
            i += 1
        }
        if found < 0 { return fail("unclosed comment") }
        pos = found + 2
        let (delim, trim) = atRightDelim()
        if !delim { return fail("comment ends before closing delimiter") }
        if trim { pos += 2 }
        pos += 2
        if trim { while pos < input.count && Self.isSpace(input[pos]) { pos += 1 } }
        start = pos
        return .text
    }

    private mutating func lexRightDelim() -> State {
        let trim = hasRightTrimMarker(at: pos)
        if trim {
            pos += 2
            start = pos
        }
        pos += 2
        emit(.rightDelim)
        if trim {
            while pos < input.count && Self.isSpace(input[pos]) { pos += 1 }
            start = pos
        }
        return .text
    }

    /// Decodes the scalar at `offset`, returning it and its byte length (nil at end of input).
    private func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        guard offset < input.count else { return nil }
        let b = input[offset]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        var it = input[offset...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&it) { return (s, UTF8.width(s)) }
        return (Unicode.Scalar(0xFFFD)!, 1)
    }

    static func isAlphaNumeric(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        if s.isASCII {
            let v = s.value
            return (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
        }
        let p = s.properties
        return p.isAlphabetic && p.generalCategory != .letterNumber
            || p.generalCategory == .decimalNumber
    }

    private mutating func lexInsideAction() -> State {
        let (delim, _) = atRightDelim()
        if delim {
            if parenDepth == 0 { return lexRightDelim() }
            return fail("unclosed left paren")
        }
        guard let (r, width) = scalar(at: pos) else { return fail("unclosed action") }
        if r.isASCII && Self.isSpace(UInt8(r.value)) { return lexSpace() }
        pos += width
        switch r {
        case "=": emit(.assign)
        case ":":
            guard pos < input.count && input[pos] == UInt8(ascii: "=") else {
                if pos < input.count { pos += 1 }
                return fail("expected :=")
            }
            pos += 1
            emit(.declare)
        case "|": emit(.pipe)
        case "\"": return lexQuote()
        case "`": return lexRawQuote()
        case "$": return lexVariable()
        case "'": return lexChar()
        case ".":
            if pos < input.count {
                let c = input[pos]
                if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { return lexFieldOrVariable(.field) }
            }
            pos -= width
            return lexNumber()
        case "+", "-", "0"..."9":
            pos -= width
            return lexNumber()
        case "(":
            emit(.leftParen)
            parenDepth += 1
        case ")":
            emit(.rightParen)
            parenDepth -= 1
            if parenDepth < 0 { return fail("unexpected right paren \(Self.describeRune(r))") }
        default:
            if Self.isAlphaNumeric(r) {
                pos -= width
                return lexIdentifier()
            }
            if r.isASCII && r.value >= 0x20 && r.value < 0x7F {
                emit(.char)
            } else {
                return fail("unrecognized character in action: \(Self.describeRune(r))")
            }
        }
        return .insideAction
    }

    /// Go's `%#U`: `U+0041 'A'`.
    static func describeRune(_ r: Unicode.Scalar) -> String {
        var hex = String(r.value, radix: 16, uppercase: true)
        while hex.count < 4 { hex = "0" + hex }
        if GoQuote.isPrint(r) { return "U+\(hex) '\(r)'" }
        return "U+\(hex)"
    }

    private mutating func lexSpace() -> State {
        var numSpaces = 0
        while pos < input.count && Self.isSpace(input[pos]) {
            pos += 1
            numSpaces += 1
        }
        if hasRightTrimMarker(at: pos - 1) && hasPrefix("}}", at: pos + 1) {
            pos -= 1
            if numSpaces == 1 { return lexRightDelim() }
        }
        emit(.space)
        return .insideAction
    }

    private func atTerminator() -> Bool {
        guard pos < input.count else { return true }
        let c = input[pos]
        if Self.isSpace(c) { return true }
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: ")"),
            UInt8(ascii: "("):
            return true
        default: return hasPrefix("}}", at: pos)
        }
    }

    private mutating func scanAlphaNumeric() -> Unicode.Scalar? {
        while let (r, w) = scalar(at: pos) {
            if !Self.isAlphaNumeric(r) { return r }
            pos += w
        }
        return nil
    }

    private mutating func lexIdentifier() -> State {
        let stopper = scanAlphaNumeric()
        let word = slice(start, pos)
        if !atTerminator() { return fail("bad character \(Self.describeRune(stopper ?? "\u{FFFD}"))") }
        if let kw = Self.keywords[word] {
            emit(kw)
        } else if word == "true" || word == "false" {
            emit(.bool)
        } else {
            emit(.identifier)
        }
        return .insideAction
    }

    private mutating func lexVariable() -> State {
        lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ kind: TemplateToken.Kind) -> State {
        if atTerminator() {
            emit(kind == .variable ? .variable : .dot)
            return .insideAction
        }
        let stopper = scanAlphaNumeric()
        if !atTerminator() { return fail("bad character \(Self.describeRune(stopper ?? "\u{FFFD}"))") }
        emit(kind)
        return .insideAction
    }

    private mutating func lexChar() -> State {
        while true {
            guard pos < input.count else { return fail("unterminated character constant") }
            let c = input[pos]
            pos += 1
            if c == UInt8(ascii: "\\") {
                if pos < input.count && input[pos] != UInt8(ascii: "\n") {
                    pos += 1
                    continue
                }
                return fail("unterminated character constant")
            }
            if c == UInt8(ascii: "\n") { return fail("unterminated character constant") }
            if c == UInt8(ascii: "'") { break }
        }
        emit(.charConstant)
        return .insideAction
    }

    private mutating func accept(_ set: String) -> Bool {
        if pos < input.count, set.utf8.contains(input[pos]) {
            pos += 1
            return true
        }
        return false
    }

    private mutating func acceptRun(_ set: String) {
        while pos < input.count, set.utf8.contains(input[pos]) { pos += 1 }
    }

    private mutating func scanNumber() -> Bool {
        _ = accept("+-")
        var digits = "0123456789_"
        if accept("0") {
            if accept("xX") {
                digits = "0123456789abcdefABCDEF_"
            } else if accept("oO") {
                digits = "01234567_"
            } else if accept("bB") {
                digits = "01_"
            }
        }
        acceptRun(digits)
        if accept(".") { acceptRun(digits) }
        if digits.count == 11 && accept("eE") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        if digits.count == 23 && accept("pP") {
            _ = accept("+-")
            acceptRun("0123456789_")
        }
        _ = accept("i")
        if let (r, w) = scalar(at: pos), Self.isAlphaNumeric(r) {
            pos += w
            return false
        }
        return true
    }

    private mutating func lexNumber() -> State {
        if !scanNumber() { return fail("bad number syntax: \(GoQuote.quote(slice(start, pos)))") }
        if pos < input.count, input[pos] == UInt8(ascii: "+") || input[pos] == UInt8(ascii: "-") {
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                return fail("bad number syntax: \(GoQuote.quote(slice(start, pos)))")
            }
            emit(.complex)
        } else {
            emit(.number)
        }
        return .insideAction
    }

    private mutating func lexQuote() -> State {
        while true {
            guard pos < input.count else { return fail("unterminated quoted string") }
            let c = input[pos]
            pos += 1
            if c == UInt8(ascii: "\\") {
                if pos < input.count && input[pos] != UInt8(ascii: "\n") {
                    pos += 1
                    continue
                }
                return fail("unterminated quoted string")
            }
            if c == UInt8(ascii: "\n") { return fail("unterminated quoted string") }
            if c == UInt8(ascii: "\"") { break }
        }
        emit(.string)
        return .insideAction
    }

    private mutating func lexRawQuote() -> State {
        while true {
            guard pos < input.count else { return fail("unterminated raw quoted string") }
            let c = input[pos]
            pos += 1
            if c == UInt8(ascii: "`") { break }
        }
        emit(.rawString)
        return .insideAction
    }
}
