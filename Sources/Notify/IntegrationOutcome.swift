/// How one integration's part of a job ended, when it did not fail.
public enum IntegrationOutcome: Sendable, Hashable {
    /// Sent after `attempts` attempts and recorded in the nflog.
    case notified(attempts: Int)
    /// The nflog shows nothing new since the last notification (and repeat_interval has not passed).
    case deduplicated
    /// Only resolved alerts and send_resolved is off: nothing sent, the resolved state still recorded.
    case nothingToSend
}
