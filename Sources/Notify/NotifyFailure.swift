/// Why a job (or one integration's part of it) failed, worded as Alertmanager's errors are
/// (`team/webhook[0]: notify retry canceled after 3 attempts: ...`), for the dispatcher's log.
public struct NotifyFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }

    /// Several integrations' failures as one, joined as Go's `types.MultiError` does.
    public static func combining(_ failures: [NotifyFailure]) -> NotifyFailure {
        NotifyFailure(failures.map(\.message).joined(separator: "; "))
    }
}
