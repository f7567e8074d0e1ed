/// Compiles Go-syntax (RE2) regular expressions for `match` and `reReplaceAll`.
///
/// The engine never compiles user patterns itself: backtracking engines (Swift `Regex`,
/// NSRegularExpression) can take exponential time on hostile patterns, so the integrator supplies RE2.
public protocol TemplateRegexProvider: Sendable {
    /// Compiles `pattern` unanchored, as Go's `regexp.Compile` does; the error's description should read
    /// like Go's (`error parsing regexp: missing closing ]: `[a``).
    func compile(_ pattern: String) throws -> any TemplateRegex
}

/// A compiled regular expression with Go's leftmost-first semantics.
public protocol TemplateRegex: Sendable {
    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool
    /// The successive non-overlapping matches Go's `ReplaceAllString` visits, each as the UTF-8 byte
    /// ranges of the whole match (index 0) and of each capturing group (nil when the group did not take
    /// part).
    func allMatches(in text: String) -> [[Range<Int>?]]
    /// The names of the capturing groups, index 0 being the whole match ("" for unnamed groups).
    var groupNames: [String] { get }
}

extension TemplateRegex {
    /// Go's `Regexp.ReplaceAllString`: every match replaced by `template` with `$1`, `${1}`, `$name` and
    /// `${name}` expanded (`$$` is a literal `$`; an unknown name or index expands to nothing).
    public func replaceAll(in text: String, with template: String) -> String {
        let src = Array(text.utf8)
        var out: [UInt8] = []
        var last = 0
        for groups in allMatches(in: text) {
            guard let whole = groups.first ?? nil else { continue }
            out += src[last..<whole.lowerBound]
            expand(template, groups: groups, source: src, into: &out)
            last = whole.upperBound
        }
        out += src[last...]
        return String(decoding: out, as: UTF8.self)
    }

    private func expand(_ template: String, groups: [Range<Int>?], source: [UInt8], into out: inout [UInt8]) {
        let t = Array(template.utf8)
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "_") || (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
        }
        func append(_ name: String) {
            var index: Int? = nil
            if let n = Int(name), n >= 0, name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                index = n
            } else if let k = groupNames.firstIndex(of: name), !name.isEmpty {
                index = k
            }
            if let index, index < groups.count, let r = groups[index] { out += source[r] }
        }
        while i < t.count {
            guard t[i] == UInt8(ascii: "$") else {
                out.append(t[i])
                i += 1
                continue
            }
            if i + 1 < t.count && t[i + 1] == UInt8(ascii: "$") {
                out.append(UInt8(ascii: "$"))
                i += 2
                continue
            }
            if i + 1 < t.count && t[i + 1] == UInt8(ascii: "{") {
                var j = i + 2
                while j < t.count && isNameByte(t[j]) { j += 1 }
                if j < t.count && t[j] == UInt8(ascii: "}") && j > i + 2 {
                    append(String(decoding: t[(i + 2)..<j], as: UTF8.self))
                    i = j + 1
                    continue
                }
                out.append(UInt8(ascii: "$"))
                i += 1
                continue
            }
            var j = i + 1
            while j < t.count && isNameByte(t[j]) { j += 1 }
            if j == i + 1 {
                out.append(UInt8(ascii: "$"))
                i += 1
                continue
            }
            append(String(decoding: t[(i + 1)..<j], as: UTF8.self))
            i = j
        }
    }
}
