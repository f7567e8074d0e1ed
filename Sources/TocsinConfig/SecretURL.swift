/// A URL that is itself a secret (Slack and Discord webhooks carry their token in the URL).
///
/// It prints as `<secret>`. Alertmanager accepts the literal text `<secret>` back so an exported config
/// loads again; such a URL has no usable address, which `url` reports as nil.
public struct SecretURL: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The parsed URL, or nil when the config held the `<secret>` placeholder.
    public var url: ConfigURL?

    /// Wraps a parsed URL.
    public init(_ url: ConfigURL?) {
        self.url = url
    }

    /// Parses a secret URL, accepting the `<secret>` placeholder.
    public init(parsing text: String) throws(ConfigError) {
        url = text == Secret.mask ? nil : try ConfigURL(parsingHTTP: text)
    }

    /// `<secret>`.
    public var description: String { Secret.mask }

    /// No children, so `dump` and debuggers do not show the URL.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
