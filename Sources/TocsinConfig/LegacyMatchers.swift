import TocsinModel
import Yams

/// The deprecated `match` / `match_re` maps (and `source_match*` / `target_match*` of inhibit rules),
/// decoded with Alertmanager's checks and turned into ordinary matchers.
enum LegacyMatchers {
    /// A `match` map: label name to exact value; names are checked by the owner after decoding.
    static func decodeEqual(_ node: Node, _ d: StrictDecoder) -> [(String, String)]? {
        guard let map = d.stringMap(node) else { return nil }
        return map.keys.sorted().map { ($0, map[$0] ?? "") }
    }

    /// A `match_re` map: each value is compiled anchored as `^(?:RE)$` while decoding (so a bad regex
    /// is reported first), then names are checked and null values rejected, as `MatchRegexps` does.
    static func decodeRegex(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> [(String, AnchoredRegex)]? {
        var nulls: [String] = []
        let before = d.typeErrors.count
        let pairs = try d.orderedMap(node, "config.plain") { (name, value) throws(ConfigError) -> AnchoredRegex? in
            guard let text = d.customText(value) else { return nil }
            guard let text else {
                nulls.append(name)
                return nil
            }
            do throws(GoRegexError) {
                return try AnchoredRegex(text)
            } catch {
                throw ConfigError(error.description)
            }
        }
        guard let pairs, d.typeErrors.count == before else { return pairs }
        // Go walks the map in random order; document order keeps our first error stable.
        for (name, _) in pairs where !LabelName.isValid(name) {
            throw ConfigError("invalid label name \(GoQuote.quote(name))")
        }
        for name in nulls {
            if !LabelName.isValid(name) { throw ConfigError("invalid label name \(GoQuote.quote(name))") }
            throw ConfigError("invalid regexp value for \(GoQuote.quote(name))")
        }
        return pairs.sorted { $0.0 < $1.0 }
    }

    /// A `matchers` list: each element may hold several comma-separated matchers; all are concatenated
    /// and sorted (config.Matchers).
    static func decodeMatchers(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> [Matcher]? {
        guard let lines = d.stringList(node) else { return nil }
        var out: [Matcher] = []
        for line in lines {
            do throws(MatcherParseError) {
                out += try MatcherParser.parseMatchers(line)
            } catch {
                throw ConfigError(error.description)
            }
        }
        return out.sorted()
    }

    /// Builds the matchers a route or rule side applies: `match` as `=`, `match_re` as `=~`, then `matchers`.
    /// A `match_re` matcher carries the anchored text `^(?:RE)$`, because Alertmanager 0.25 builds it from
    /// the compiled regexp's `String()`; that text shows in route keys and in `amtool config routes`.
    static func combine(equal: [(String, String)], regex: [(String, AnchoredRegex)], matchers: [Matcher]) -> Matchers {
        var all: [Matcher] = []
        for (name, value) in equal {
            if let matcher = try? Matcher(name: name, type: .equal, value: value) { all.append(matcher) }
        }
        for (name, regex) in regex {
            if let matcher = try? Matcher(name: name, type: .regexp, value: "^(?:" + regex.pattern + ")$") { all.append(matcher) }
        }
        return Matchers((all + matchers).sorted())
    }

    static func renderEqual(_ pairs: [(String, String)]) -> [String: String] {
        Dictionary(pairs, uniquingKeysWith: { first, _ in first })
    }

    static func renderRegex(_ pairs: [(String, AnchoredRegex)]) -> [String: String] {
        Dictionary(pairs.map { ($0.0, $0.1.pattern) }, uniquingKeysWith: { first, _ in first })
    }
}
