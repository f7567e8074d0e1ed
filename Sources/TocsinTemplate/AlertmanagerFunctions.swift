/// The functions Alertmanager adds to Go's builtins (template.go `DefaultFuncs`).
public enum AlertmanagerFunctions {
    /// Exactly Alertmanager 0.25's set: `toUpper`, `toLower`, `title`, `join`, `match`, `safeHtml`,
    /// `reReplaceAll`, `stringSlice`. (0.25 has no `trimSpace`, `date`, `tz`, `since` or
    /// `humanizeDuration`; a template using them fails to parse there, and here.)
    public static func v0_25(regex: any TemplateRegexProvider) -> [String: TemplateFunction] {
        [
            "toUpper": TemplateFunction([.string]) { .string(mapScalars($0[0].stringValue ?? "", upper: true)) },
            "toLower": TemplateFunction([.string]) { .string(mapScalars($0[0].stringValue ?? "", upper: false)) },
            "title": TemplateFunction([.string]) { .string(titleCase($0[0].stringValue ?? "")) },
            // join inverts strings.Join's argument order so it pipelines: {{ .X | join ", " }} (template.go).
            "join": TemplateFunction([.string, .type("[]string", nilable: true)]) { args in
                guard case .list(let l) = args[1] else { return .string("") }
                return .string(l.items.compactMap(\.stringValue).joined(separator: args[0].stringValue ?? ""))
            },
            "match": TemplateFunction([.string, .string]) { args in
                let re = try compile(regex, args[0].stringValue ?? "", panics: false)
                return .bool(re.matches(args[1].stringValue ?? ""))
            },
            "safeHtml": TemplateFunction([.string]) { .object(SafeHTML($0[0].stringValue ?? "")) },
            "reReplaceAll": TemplateFunction([.string, .string, .string]) { args in
                let re = try compile(regex, args[0].stringValue ?? "", panics: true)
                return .string(re.replaceAll(in: args[2].stringValue ?? "", with: args[1].stringValue ?? ""))
            },
            "stringSlice": TemplateFunction([], variadic: .string) { .list(.strings($0.compactMap(\.stringValue))) },
        ]
    }

    /// `trimSpace`, added in Alertmanager 0.26; merge it in to accept templates written for later versions.
    public static let trimSpace: TemplateFunction = TemplateFunction([.string]) { args in
        let s = args[0].stringValue ?? ""
        let scalars = Array(s.unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end && isGoSpace(scalars[start]) { start += 1 }
        while end > start && isGoSpace(scalars[end - 1]) { end -= 1 }
        return .string(String(String.UnicodeScalarView(scalars[start..<end])))
    }

    /// `regexp.MustCompile` panics on a bad pattern, and Go's template engine reports the panic value
    /// (`regexp: Compile(...)`); `regexp.MatchString` returns the plain error.
    private static func compile(_ provider: any TemplateRegexProvider, _ pattern: String, panics: Bool) throws
        -> any TemplateRegex
    {
        do {
            return try provider.compile(pattern)
        } catch {
            if panics { throw TemplateFunctionError("regexp: Compile(\(goBackquote(pattern))): \(error)") }
            throw TemplateFunctionError("\(error)")
        }
    }

    /// Go's `quote` helper in regexp: backquoted when possible, else strconv.Quote.
    private static func goBackquote(_ s: String) -> String {
        if !s.contains("`") && s.unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) }) {
            return "`" + s + "`"
        }
        return GoQuote.quote(s)
    }

    /// Go's `unicode.IsSpace`.
    static func isGoSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        default: return r.value > 0xFF && r.properties.isWhitespace
        }
    }

    /// Go's `strings.ToUpper`/`ToLower`: per-code-point simple case mapping (no `ß` → `SS`).
    static func mapScalars(_ s: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars {
            let mapped = upper ? r.properties.uppercaseMapping : r.properties.lowercaseMapping
            let scalars = mapped.unicodeScalars
            if scalars.count == 1 { out.append(scalars.first!) } else { out.append(r) }
        }
        return String(out)
    }

    /// x/text `cases.Title` for English: in each word the first cased letter is title-cased and the other
    /// letters lower-cased. Words are runs of letters, digits, marks and `_`, joined across `'` `.` `:`
    /// between letters (Unicode word boundaries, simplified).
    static func titleCase(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var inWord = false
        var needsTitle = true
        func isWordChar(_ r: Unicode.Scalar) -> Bool {
            if r == "_" { return true }
            switch r.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
                return true
            default: return false
            }
        }
        func append(_ mapping: String, _ r: Unicode.Scalar) {
            let m = mapping.unicodeScalars
            if m.count == 1 { out.append(m.first!) } else { out.append(r) }
        }
        for (i, r) in scalars.enumerated() {
            if isWordChar(r) {
                if !inWord {
                    inWord = true
                    needsTitle = true
                }
                if r.properties.isCased {
                    if needsTitle {
                        append(r.properties.titlecaseMapping, r)
                        needsTitle = false
                    } else {
                        append(r.properties.lowercaseMapping, r)
                    }
                } else {
                    out.append(r)
                }
                continue
            }
            let joins = r == "'" || r == "." || r == ":" || r == "\u{2019}" || r == "\u{B7}"
            if inWord && joins && i > 0 && i + 1 < scalars.count && scalars[i - 1].properties.isAlphabetic
                && scalars[i + 1].properties.isAlphabetic
            {
                out.append(r)
                continue
            }
            inWord = false
            out.append(r)
        }
        return String(out)
    }
}
