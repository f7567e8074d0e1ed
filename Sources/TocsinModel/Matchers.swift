/// An ordered list of matchers that must all match (a silence's, a route's, or an inhibit rule side's).
///
/// Order is kept as given; routes sort theirs (`sorted()`) before printing, as Alertmanager's `NewRoute` does.
public struct Matchers: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// The matchers in order.
    public var elements: [Matcher]

    /// A list of the given matchers.
    public init(_ elements: [Matcher] = []) {
        self.elements = elements
    }

    public init(arrayLiteral elements: Matcher...) {
        self.elements = elements
    }

    /// Parses a classic 0.25 matcher list such as `{a="b",c=~"d"}` (see `MatcherParser.parseMatchers`).
    public init(parsing text: String) throws(MatcherParseError) {
        elements = try MatcherParser.parseMatchers(text)
    }

    public var startIndex: Int { elements.startIndex }
    public var endIndex: Int { elements.endIndex }
    public subscript(position: Int) -> Matcher { elements[position] }

    /// True when every matcher matches (so an empty list matches everything).
    public func matches(_ labels: LabelSet) -> Bool {
        elements.allSatisfy { $0.matches(labels) }
    }

    /// The matchers in Alertmanager's sort order (name, value, type).
    public func sorted() -> Matchers {
        Matchers(elements.sorted())
    }

    /// `{a="b",c=~"d"}`: comma-separated, no spaces, in list order (Alertmanager's `Matchers.String()`).
    public var description: String {
        "{" + elements.map(\.description).joined(separator: ",") + "}"
    }
}
