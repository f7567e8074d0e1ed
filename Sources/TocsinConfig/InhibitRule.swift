import TocsinModel
import Yams

/// An inhibition rule: while an alert matching the source matchers fires, alerts matching the target
/// matchers that agree on every `equal` label are muted.
///
/// The legacy `source_match*`/`target_match*` maps and the newer `source_matchers`/`target_matchers`
/// are combined; a rule with no source matchers treats every alert as a source, as in Alertmanager.
public struct InhibitRule: Sendable {
    public var sourceMatch: [(String, String)] = []
    public var sourceMatchRE: [(String, AnchoredRegex)] = []
    public var sourceMatchersList: [Matcher] = []
    public var targetMatch: [(String, String)] = []
    public var targetMatchRE: [(String, AnchoredRegex)] = []
    public var targetMatchersList: [Matcher] = []
    /// Labels that must have equal values on source and target.
    public var equal: [String] = []

    /// An empty rule.
    public init() {}

    /// All source matchers.
    public var sourceMatchers: Matchers {
        LegacyMatchers.combine(equal: sourceMatch, regex: sourceMatchRE, matchers: sourceMatchersList)
    }

    /// All target matchers.
    public var targetMatchers: Matchers {
        LegacyMatchers.combine(equal: targetMatch, regex: targetMatchRE, matchers: targetMatchersList)
    }

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> InhibitRule {
        var r = InhibitRule()
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "config.plain") { (key, value) throws(ConfigError) in
                switch key {
                case "source_match": r.sourceMatch = LegacyMatchers.decodeEqual(value, d) ?? r.sourceMatch
                case "source_match_re": r.sourceMatchRE = try LegacyMatchers.decodeRegex(value, d) ?? r.sourceMatchRE
                case "source_matchers": r.sourceMatchersList = try LegacyMatchers.decodeMatchers(value, d) ?? r.sourceMatchersList
                case "target_match": r.targetMatch = LegacyMatchers.decodeEqual(value, d) ?? r.targetMatch
                case "target_match_re": r.targetMatchRE = try LegacyMatchers.decodeRegex(value, d) ?? r.targetMatchRE
                case "target_matchers": r.targetMatchersList = try LegacyMatchers.decodeMatchers(value, d) ?? r.targetMatchersList
                case "equal":
                    r.equal = try d.list(value, "model.LabelNames") { (item) throws(ConfigError) -> String? in
                        guard let name = d.customText(item) else { return nil }
                        let text = name ?? ""
                        // model.LabelName.UnmarshalYAML
                        if name != nil, !LabelName.isValid(text) { throw ConfigError("\(GoQuote.quote(text)) is not a valid label name") }
                        return text
                    } ?? r.equal
                default: return false
                }
                return true
            }
        }
        guard clean else { return r }
        for (name, _) in r.sourceMatch + r.targetMatch where !LabelName.isValid(name) {
            throw ConfigError("invalid label name \(GoQuote.quote(name))")
        }
        return r
    }

    var rendered: Node {
        var out = YAMLRender()
        if !sourceMatch.isEmpty { out.add("source_match", YAMLRender.map(LegacyMatchers.renderEqual(sourceMatch))) }
        if !sourceMatchRE.isEmpty { out.add("source_match_re", YAMLRender.map(LegacyMatchers.renderRegex(sourceMatchRE))) }
        out.stringList("source_matchers", sourceMatchersList.map(\.description))
        if !targetMatch.isEmpty { out.add("target_match", YAMLRender.map(LegacyMatchers.renderEqual(targetMatch))) }
        if !targetMatchRE.isEmpty { out.add("target_match_re", YAMLRender.map(LegacyMatchers.renderRegex(targetMatchRE))) }
        out.stringList("target_matchers", targetMatchersList.map(\.description))
        out.stringList("equal", equal)
        return out.node
    }
}
