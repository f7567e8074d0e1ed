import Foundation
import TocsinTemplate

/// A test-only regex provider over NSRegularExpression, standing in for the RE2 provider the integrator
/// supplies (only trusted corpus patterns reach it). It accepts Go's `(?P<name>...)` spelling and reports
/// the two Go compile errors the corpus exercises with Go's wording.
struct FoundationRegexProvider: TemplateRegexProvider {
    struct CompileError: Error, CustomStringConvertible {
        let description: String
    }

    func compile(_ pattern: String) throws -> any TemplateRegex {
        let translated = pattern.replacingOccurrences(of: "(?P<", with: "(?<")
        guard let re = try? NSRegularExpression(pattern: translated) else {
            if let open = pattern.firstIndex(of: "["), !pattern[open...].contains("]") {
                throw CompileError(description: "error parsing regexp: missing closing ]: `\(pattern[open...])`")
            }
            throw CompileError(description: "error parsing regexp: missing closing ): `\(pattern)`")
        }
        return FoundationRegex(pattern: translated, groupNames: Self.groupNames(translated, count: re.numberOfCaptureGroups))
    }

    private static func groupNames(_ pattern: String, count: Int) -> [String] {
        var names = [""]
        let chars = Array(pattern)
        var i = 0
        while i < chars.count {
            if chars[i] == "\\" {
                i += 2
                continue
            }
            if chars[i] == "(" {
                if i + 1 < chars.count && chars[i + 1] == "?" {
                    if i + 2 < chars.count && chars[i + 2] == "<" && i + 3 < chars.count && chars[i + 3] != "="
                        && chars[i + 3] != "!"
                    {
                        var j = i + 3
                        var name = ""
                        while j < chars.count && chars[j] != ">" {
                            name.append(chars[j])
                            j += 1
                        }
                        names.append(name)
                    }
                } else {
                    names.append("")
                }
            }
            i += 1
        }
        while names.count < count + 1 { names.append("") }
        return names
    }
}

/// Keeps the pattern, not the NSRegularExpression (not Sendable on Linux), and compiles per call.
struct FoundationRegex: TemplateRegex {
    let pattern: String
    let groupNames: [String]

    private var re: NSRegularExpression { try! NSRegularExpression(pattern: pattern) }

    func matches(_ text: String) -> Bool {
        re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    func allMatches(in text: String) -> [[Range<Int>?]] {
        re.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
            (0..<m.numberOfRanges).map { k -> Range<Int>? in
                guard let r = Range(m.range(at: k), in: text) else { return nil }
                let lo = text.utf8.distance(from: text.startIndex, to: r.lowerBound)
                let hi = text.utf8.distance(from: text.startIndex, to: r.upperBound)
                return lo..<hi
            }
        }
    }
}
