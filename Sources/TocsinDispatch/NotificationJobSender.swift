/// The seam through which `DispatcherRuntime` hands jobs to notifiers: the daemon sends them over the wire,
/// tests answer in process.
///
/// Implementations must return only once the outcome of this attempt is known, and must be safe to call
/// again with the same job (a resend keeps the job's id, so the notifier can tell it is one job).
public protocol NotificationJobSender: Sendable {
    /// Sends `job` once to the notifier serving its receiver.
    func send(_ job: NotificationJob) async -> JobDeliveryOutcome
}
