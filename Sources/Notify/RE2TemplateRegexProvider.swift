import TocsinModel
import TocsinTemplate

/// The regular expressions of notification templates (`match`, `reReplaceAll`) compiled by RE2 with Go's
/// syntax and semantics, so user patterns run in linear time and match exactly as in Alertmanager.
public struct RE2TemplateRegexProvider: TemplateRegexProvider {
    /// A provider; compiled patterns are not cached, as Alertmanager compiles them on every call.
    public init() {}

    public func compile(_ pattern: String) throws -> any TemplateRegex {
        RE2TemplateRegex(try GoRegex(pattern))
    }
}

/// One compiled pattern behind the template engine's regex protocol.
struct RE2TemplateRegex: TemplateRegex {
    let regex: GoRegex
    let groupNames: [String]

    init(_ regex: GoRegex) {
        self.regex = regex
        self.groupNames = regex.groupNames
    }

    func matches(_ text: String) -> Bool { regex.partialMatch(text) }

    func allMatches(in text: String) -> [[Range<Int>?]] { regex.replacedMatches(in: text) }
}
