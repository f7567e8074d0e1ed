/// One label: a name and its value.
///
/// Equality and hashing compare the UTF-8 bytes (as Go does), not Unicode canonical equivalence, so two labels
/// are equal exactly when Alertmanager would give them the same fingerprint.
public struct Label: Sendable, Hashable, CustomStringConvertible {
    /// The label name (validated by `LabelSet.validate()`, not here).
    public var name: String
    /// The label value; any UTF-8 text.
    public var value: String

    /// A label with the given name and value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    public static func == (lhs: Label, rhs: Label) -> Bool {
        lhs.name.goEquals(rhs.name) && lhs.value.goEquals(rhs.value)
    }

    public func hash(into hasher: inout Hasher) {
        name.goHash(into: &hasher)
        value.goHash(into: &hasher)
    }

    /// `name="value"` with Go's `%q` quoting, the element format of `LabelSet.description`.
    public var description: String {
        name + "=" + GoQuote.quote(value)
    }
}
