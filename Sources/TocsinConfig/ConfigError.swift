/// An error found while loading or checking alertmanager.yml.
///
/// Its `description` is the message real Alertmanager 0.25 gives for the same mistake, so that
/// `check-config` output and reload errors read the same as they do there.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message, worded as Alertmanager words it.
    public var description: String

    /// Makes an error with the given message.
    public init(_ description: String) {
        self.description = description
    }
}
