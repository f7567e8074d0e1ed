/// What one attempt to hand a `NotificationJob` to its notifier came to.
///
/// Only `.delivered` is final: `.retry` means the hand-off itself failed in a way that may pass (the notifier
/// restarting, a timeout), so the runtime sends the same job again until its deadline.
public enum JobDeliveryOutcome: Sendable, Hashable {
    /// The notifier answered with the job's final outcome.
    case delivered(succeeded: Bool)
    /// The hand-off failed transiently; carries the reason for the log.
    case retry(String)
}
