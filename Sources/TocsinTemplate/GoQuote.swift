/// Go's `strconv` quoting rules, which template error messages, `%q` and string literals follow.
enum GoQuote {
    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isPrint(_ r: Unicode.Scalar) -> Bool {
        if r == " " { return true }
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol,
            .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789abcdef")

    /// Appends `r` escaped the way `strconv.Quote` does, for a literal delimited by `quote`.
    static func appendEscaped(_ r: Unicode.Scalar, quote: Unicode.Scalar, asciiOnly: Bool = false, to out: inout String)
    {
        if r == quote || r == "\\" {
            out.append("\\")
            out.unicodeScalars.append(r)
            return
        }
        if asciiOnly ? (r.isASCII && isPrint(r)) : isPrint(r) {
            out.unicodeScalars.append(r)
            return
        }
        switch r {
        case "\u{07}": out += "\\a"
        case "\u{08}": out += "\\b"
        case "\u{0C}": out += "\\f"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case "\u{0B}": out += "\\v"
        default:
            let v = r.value
            if v < 0x20 || v == 0x7F {
                out += "\\x"
                out.append(hexDigits[Int(v >> 4)])
                out.append(hexDigits[Int(v & 0xF)])
            } else if v < 0x10000 {
                out += "\\u"
                for shift in stride(from: 12, through: 0, by: -4) {
                    out.append(hexDigits[Int((v >> UInt32(shift)) & 0xF)])
                }
            } else {
                out += "\\U"
                for shift in stride(from: 28, through: 0, by: -4) {
                    out.append(hexDigits[Int((v >> UInt32(shift)) & 0xF)])
                }
            }
        }
    }

    /// `strconv.Quote`.
    static func quote(_ s: String) -> String {
        var out = "\""
        for r in s.unicodeScalars { appendEscaped(r, quote: "\"", to: &out) }
        out += "\""
        return out
    }

    /// `strconv.QuoteToASCII`, used by `%+q`.
    static func quoteToASCII(_ s: String) -> String {
        var out = "\""
        for r in s.unicodeScalars { appendEscaped(r, quote: "\"", asciiOnly: true, to: &out) }
        out += "\""
        return out
    }

    /// `strconv.QuoteRune`, used by `%q` on integers.
    static func quoteRune(_ r: Unicode.Scalar) -> String {
        var out = "'"
        appendEscaped(r, quote: "'", to: &out)
        out += "'"
        return out
    }

    /// Decodes one escape sequence or character starting at `i` of `bytes`; `quote` is the enclosing quote.
    /// Returns the bytes it stands for and the index after it, or nil on bad syntax.
    static func unquoteChar(_ bytes: [UInt8], _ i: Int, quote: UInt8) -> ([UInt8], Int)? {
        guard i < bytes.count else { return nil }
        let c = bytes[i]
        if c == quote && (quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"")) { return nil }
        if c != UInt8(ascii: "\\") {
            var end = i + 1
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            return (Array(bytes[i..<end]), end)
        }
        guard i + 1 < bytes.count else { return nil }
        let e = bytes[i + 1]
        var j = i + 2
        func hexValue(_ n: Int) -> UInt32? {
            guard j + n <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 0..<n {
                guard let d = hexDigit(bytes[j + k]) else { return nil }
                v = v << 4 | d
            }
            j += n
            return v
        }
        switch e {
        case UInt8(ascii: "a"): return ([7], j)
        case UInt8(ascii: "b"): return ([8], j)
        case UInt8(ascii: "f"): return ([12], j)
        case UInt8(ascii: "n"): return ([10], j)
        case UInt8(ascii: "r"): return ([13], j)
        case UInt8(ascii: "t"): return ([9], j)
        case UInt8(ascii: "v"): return ([11], j)
        case UInt8(ascii: "\\"): return ([e], j)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard e == quote else { return nil }
            return ([e], j)
        case UInt8(ascii: "x"):
            guard let v = hexValue(2) else { return nil }
            return ([UInt8(v)], j)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            guard let v = hexValue(e == UInt8(ascii: "u") ? 4 : 8), let s = Unicode.Scalar(v) else { return nil }
            return (Array(String(s).utf8), j)
        case UInt8(ascii: "0")...UInt8(ascii: "7"):
            guard i + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for k in 1...3 {
                let d = bytes[i + k]
                guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "7") else { return nil }
                v = v * 8 + UInt32(d - UInt8(ascii: "0"))
            }
            guard v <= 255 else { return nil }
            return ([UInt8(v)], i + 4)
        default:
            return nil
        }
    }

    private static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `strconv.Unquote` for `"..."` and `` `...` `` literals; nil means Go's "invalid syntax".
    static func unquote(_ literal: String) -> String? {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 2, bytes.first == bytes.last else { return nil }
        let q = bytes[0]
        if q == UInt8(ascii: "`") {
            let body = bytes[1..<(bytes.count - 1)]
            if body.contains(UInt8(ascii: "`")) { return nil }
            return String(decoding: body.filter { $0 != 13 }, as: UTF8.self)
        }
        guard q == UInt8(ascii: "\"") else { return nil }
        let body = Array(bytes[1..<(bytes.count - 1)])
        var out: [UInt8] = []
        var i = 0
        while i < body.count {
            if body[i] == UInt8(ascii: "\n") { return nil }
            guard let (decoded, next) = unquoteChar(body, i, quote: q) else { return nil }
            out += decoded
            i = next
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a Go character literal (`'a'`, `'\n'`, `'\u00e9'`) to its code point.
    static func unquoteRune(_ literal: String) -> UInt32? {
        let bytes = Array(literal.utf8)
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "'"), bytes.last == UInt8(ascii: "'") else { return nil }
        let body = Array(bytes[1..<(bytes.count - 1)])
        guard let (decoded, next) = unquoteChar(body, 0, quote: UInt8(ascii: "'")), next == body.count else {
            return nil
        }
        if body[0] == UInt8(ascii: "\\")
            && (body.count >= 2 && (body[1] == UInt8(ascii: "x") || (body[1] >= 48 && body[1] <= 55)))
        {
            return UInt32(decoded[0])
        }
        return String(decoding: decoded, as: UTF8.self).unicodeScalars.first?.value
    }
}
