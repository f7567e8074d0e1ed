import Foundation

/// Finds the silences that match an alert without testing every silence: each silence is filed under one
/// of its matchers that can only match alerts carrying a known label value (`name="value"`, or
/// `name=~"a|b|c"` filed under each literal) or value prefix (`name=~"prefix.*"`), choosing the matcher
/// whose buckets are smallest when it is filed. An alert then tests only the silences filed under its own
/// labels, plus the few that have no such matcher.
///
/// A value type, so the dispatcher can keep its own replica (fed by the store's change stream) and answer
/// `matching` without a call to the store. Invariant: every inserted silence is in `silences` and filed
/// either under all the keys of exactly one matcher or in `unanchored`; the full matchers are always
/// checked, so filing only narrows the candidates and never changes a result.
public struct SilenceIndex: Sendable {
    private enum Anchor: Sendable {
        case values(name: String, values: [String])
        case prefix(name: String, prefix: String)
        case none
    }

    private var silences: [String: (silence: Silence, anchor: Anchor)] = [:]
    private var byValue: [String: [String: [Silence]]] = [:]
    private var byPrefix: [String: [String: [Silence]]] = [:]
    private var prefixLengths: [String: [Int: Int]] = [:]
    private var unanchored: [Silence] = []

    /// An empty index.
    public init() {}

    /// How many silences are indexed.
    public var count: Int { silences.count }

    /// The indexed silence with `id`, if any.
    public subscript(id: String) -> Silence? { silences[id]?.silence }

    /// How many silences could not be filed under a label value or prefix and are tested for every alert.
    public var unanchoredCount: Int { unanchored.count }

    /// Adds a silence, replacing any silence with the same id.
    public mutating func insert(_ silence: Silence) {
        remove(id: silence.id)
        let anchor = chooseAnchor(for: silence)
        silences[silence.id] = (silence, anchor)
        switch anchor {
        case .values(let name, let values):
            for value in values {
                byValue[name, default: [:]][value, default: []].append(silence)
            }
        case .prefix(let name, let prefix):
            byPrefix[name, default: [:]][prefix, default: []].append(silence)
            prefixLengths[name, default: [:]][prefix.utf8.count, default: 0] += 1
        case .none:
            unanchored.append(silence)
        }
    }

    /// Removes the silence with `id`, if indexed.
    public mutating func remove(id: String) {
        guard let (_, anchor) = silences.removeValue(forKey: id) else {
            return
        }
        switch anchor {
        case .values(let name, let values):
            for value in values {
                Self.removeFiled(id, name: name, key: value, from: &byValue)
            }
        case .prefix(let name, let prefix):
            Self.removeFiled(id, name: name, key: prefix, from: &byPrefix)
            let length = prefix.utf8.count
            prefixLengths[name]?[length]? -= 1
            if prefixLengths[name]?[length] == 0 {
                prefixLengths[name]?[length] = nil
            }
            if prefixLengths[name]?.isEmpty == true {
                prefixLengths[name] = nil
            }
        case .none:
            unanchored.removeAll { $0.id == id }
        }
    }

    /// The active and pending silences whose matchers all match `labels` at `instant`.
    public func matching(_ labels: LabelSet, at instant: Date) -> MutingSilences {
        var active: [String] = []
        var pending: [String] = []
        func consider(_ silence: Silence) {
            switch silence.state(at: instant) {
            case .expired: return
            case .active:
                if silence.matchers.matches(labels) {
                    active.append(silence.id)
                }
            case .pending:
                if silence.matchers.matches(labels) {
                    pending.append(silence.id)
                }
            }
        }
        for label in labels {
            if let filed = byValue[label.name]?[label.value] {
                filed.forEach(consider)
            }
            if let lengths = prefixLengths[label.name], let prefixes = byPrefix[label.name] {
                let utf8 = Array(label.value.utf8)
                for length in lengths.keys where length <= utf8.count {
                    let prefix = String(decoding: utf8[0..<length], as: UTF8.self)
                    prefixes[prefix]?.forEach(consider)
                }
            }
        }
        unanchored.forEach(consider)
        return MutingSilences(active: active, pending: pending)
    }

    /// True when some active silence matches `labels` at `instant`.
    public func mutes(_ labels: LabelSet, at instant: Date) -> Bool {
        matching(labels, at: instant).isMuted
    }

    /// The matcher that narrows candidates best: among `=` with a non-empty value and `=~` that is a plain
    /// alternation of non-empty literals (each can only match alerts carrying one of those exact values),
    /// the one with the fewest silences already filed; failing those, a `=~"prefix.*"` with a non-empty
    /// prefix. `=""` and regexes matching "" also match alerts without the label, so they cannot anchor.
    private func chooseAnchor(for silence: Silence) -> Anchor {
        var best: (anchor: Anchor, size: Int)?
        var prefixAnchor: Anchor?
        for matcher in silence.matchers {
            switch matcher.type {
            case .equal where !matcher.value.isEmpty:
                let size = byValue[matcher.name]?[matcher.value]?.count ?? 0
                if best == nil || size < best?.size ?? 0 {
                    best = (.values(name: matcher.name, values: [matcher.value]), size)
                }
            case .regexp:
                if let literals = Self.literalAlternatives(matcher.value) {
                    let size = literals.reduce(0) { $0 + (byValue[matcher.name]?[$1]?.count ?? 0) }
                    if best == nil || size < best?.size ?? 0 {
                        best = (.values(name: matcher.name, values: literals), size)
                    }
                } else if prefixAnchor == nil, let prefix = Self.literalPrefixThenAnything(matcher.value) {
                    prefixAnchor = .prefix(name: matcher.name, prefix: prefix)
                }
            default:
                break
            }
        }
        return best?.anchor ?? prefixAnchor ?? .none
    }

    /// Characters with a meaning in Go's regexp syntax; a pattern without them is literal text.
    private static let metacharacters = Set("\\.+*?()|[]{}^$".utf8)

    /// `a|b|c` with every alternative non-empty literal text: the values the anchored regex can match.
    private static func literalAlternatives(_ pattern: String) -> [String]? {
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: false)
        guard
            parts.allSatisfy({ part in !part.isEmpty && !part.utf8.contains(where: { metacharacters.contains($0) }) })
        else {
            return nil
        }
        return Array(Set(parts.map(String.init)))
    }

    /// `prefix.*` with a non-empty literal prefix: the prefix every matching value starts with.
    private static func literalPrefixThenAnything(_ pattern: String) -> String? {
        guard pattern.hasSuffix(".*") else {
            return nil
        }
        let prefix = pattern.dropLast(2)
        guard !prefix.isEmpty, !prefix.utf8.contains(where: { metacharacters.contains($0) }) else {
            return nil
        }
        return String(prefix)
    }

    private static func removeFiled(
        _ id: String, name: String, key: String, from table: inout [String: [String: [Silence]]]
    ) {
        table[name]?[key]?.removeAll { $0.id == id }
        if table[name]?[key]?.isEmpty == true {
            table[name]?[key] = nil
        }
        if table[name]?.isEmpty == true {
            table[name] = nil
        }
    }
}
