/// A configuration value that must never be shown: passwords, tokens, API keys.
///
/// Alertmanager prints every non-empty secret as `<secret>` (config.Secret), in `config.original` and in
/// `amtool config show`; `description` does the same so a secret cannot leak through logging.
/// The real value is only read through `value`.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The real value; empty when unset.
    public var value: String

    /// Wraps a value.
    public init(_ value: String) {
        self.value = value
    }

    /// Whether the secret is unset.
    public var isEmpty: Bool { value.isEmpty }

    /// `<secret>`, never the value.
    public var description: String { value.isEmpty ? "" : Secret.mask }

    /// No children, so `dump` and debuggers show `<secret>` and not the value.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The placeholder Alertmanager prints instead of a secret.
    public static let mask = "<secret>"
}
