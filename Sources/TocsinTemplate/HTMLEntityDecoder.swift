/// Decodes character references in attribute text before html/template scans it, so `&quot;` in
/// `onclick="f(&quot;x&quot;)"` opens and closes a JavaScript string as the browser will see it.
///
/// Numeric references (`&#39;`, `&#x22;`, with Windows-1252 fixes for 0x80–0x9F) and the named references
/// that matter to JavaScript, CSS and URL syntax are decoded; other named references are left as written.
enum HTMLEntityDecoder {
    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "sol": "/", "num": "#",
        "quest": "?", "lpar": "(", "rpar": ")", "ast": "*", "bsol": "\\", "grave": "`", "colon": ":",
        "semi": ";", "equals": "=", "lsqb": "[", "rsqb": "]", "lbrack": "[", "rbrack": "]", "lcub": "{",
        "rcub": "}", "lbrace": "{", "rbrace": "}", "comma": ",", "period": ".", "plus": "+", "dollar": "$",
        "percnt": "%", "excl": "!", "vert": "|", "verbar": "|", "Hat": "^", "midast": "*", "NewLine": "\n",
        "Tab": "\t", "AMP": "&", "LT": "<", "GT": ">", "QUOT": "\"",
    ]
    /// Named references that HTML also recognizes without the semicolon.
    private static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "AMP", "LT", "GT", "QUOT"]

    private static let windows1252: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func decode(_ s: ByteView) -> [UInt8] {
        guard s.firstIndex(ofAny: [UInt8(ascii: "&")]) != nil else { return Array(s.bytes) }
        var out: [UInt8] = []
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "&"), let (text, end) = reference(s, i) {
                out += Array(text.utf8)
                i = end
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// The reference starting at the `&` at `i`: its text and where it ends.
    private static func reference(_ s: ByteView, _ i: Int) -> (String, Int)? {
        var j = i + 1
        if j < s.count && s[j] == UInt8(ascii: "#") {
            j += 1
            let hex = j < s.count && (s[j] | 0x20) == UInt8(ascii: "x")
            if hex { j += 1 }
            let digitsStart = j
            var value: UInt32 = 0
            while j < s.count, let d = digit(s[j], hex: hex) {
                value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + d
                j += 1
            }
            guard j > digitsStart else { return nil }
            if j < s.count && s[j] == UInt8(ascii: ";") { j += 1 }
            if value >= 0x80 && value <= 0x9F { value = windows1252[Int(value - 0x80)] }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (String(scalar ?? "\u{FFFD}"), j)
        }
        while j < s.count && ByteView.isAlphaNum(s[j]) { j += 1 }
        let name = s.slice(i + 1, j).string
        if j < s.count && s[j] == UInt8(ascii: ";"), let text = named[name] { return (text, j + 1) }
        // Without a semicolon, the longest legacy name that prefixes the run.
        for length in stride(from: min(4, name.count), through: 2, by: -1) {
            let prefix = String(name.prefix(length))
            if legacy.contains(prefix), let text = named[prefix] { return (text, i + 1 + length) }
        }
        return nil
    }

    private static func digit(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= 0x30 && b <= 0x39 { return UInt32(b - 0x30) }
        if hex && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { return UInt32((b | 0x20) - 0x61 + 10) }
        return nil
    }
}
