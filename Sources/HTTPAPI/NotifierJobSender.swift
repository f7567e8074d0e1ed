import Foundation
import SwiftProtobuf
import TocsinDispatch
import TocsinModel
import TocsinWire

/// Hands notification jobs to notifier processes over their sockets as `Deliver` requests.
///
/// Receivers are partitioned as `--notifier.receivers` says: a receiver listed in partition i goes to
/// notifier i; any other receiver (and every receiver when there are no partitions) goes to notifier 0.
/// A retryable transport failure (`WireClientError.isRetryable`) is reported as `.retry`, so the runtime
/// resends the same job id; any other failure is a failed delivery.
public struct NotifierJobSender: NotificationJobSender {
    let notifiers: [WireClient]
    let partitions: [[String]]

    /// A sender over `notifiers` (index i serves `partitions[i]`).
    public init(notifiers: [WireClient], partitions: [[String]]) {
        precondition(!notifiers.isEmpty)
        self.notifiers = notifiers
        self.partitions = partitions
    }

    /// The notifier serving `receiver`.
    func notifier(for receiver: String) -> WireClient {
        let index = partitions.firstIndex { $0.contains(receiver) } ?? 0
        return notifiers[index < notifiers.count ? index : 0]
    }

    public func send(_ job: NotificationJob) async -> JobDeliveryOutcome {
        let remaining = job.deadline.timeIntervalSinceNow
        guard remaining > 0 else { return .retry("deadline passed") }
        var request = Tocsin_Notify_V1_NotifierRequest()
        request.deliver = Self.deliver(job)
        do {
            let answer = try await notifier(for: job.receiver).request(
                .notifier(request),
                timeout: .milliseconds(Int64(remaining * 1000) + 1)
            )
            guard case .notifier(let response) = answer, case .delivered(let delivered)? = response.body else {
                return .delivered(succeeded: false)
            }
            return .delivered(succeeded: delivered.success)
        } catch let error as WireClientError where error.isRetryable {
            return .retry(error.description)
        } catch {
            return .delivered(succeeded: false)
        }
    }

    /// The `Deliver` message of `job`; the job id is stable across resends (group, then flush sequence).
    static func deliver(_ job: NotificationJob) -> Tocsin_Notify_V1_Deliver {
        var deliver = Tocsin_Notify_V1_Deliver()
        deliver.jobID = "\(job.id.group.routeIndex)/\(job.id.group.fingerprint)/\(job.id.sequence)/\(job.receiver)"
        deliver.receiver = job.receiver
        deliver.groupKey = job.groupKey.rawValue
        deliver.groupLabels = job.groupLabels.map(Alert.label)
        deliver.alerts = job.alerts.map(\.protobuf)
        deliver.repeatIntervalMilliseconds = job.repeatInterval.milliseconds
        deliver.flushedAt = Google_Protobuf_Timestamp(date: job.flushedAt)
        deliver.deadline = Google_Protobuf_Timestamp(date: job.deadline)
        return deliver
    }
}
