import Foundation
import Logging
import TocsinWire

/// Serves `Deliver` requests on the notifier's socket: only for the receivers this process serves, and
/// answering only once the job's outcome is final (and, for a success, in the nflog).
public struct DeliveryHandler: WireRequestHandler {
    let notifier: Notifier
    /// The receivers served; empty serves every receiver.
    let served: Set<String>
    /// The cluster's WaitStage delay; nil on a single node (no wait).
    let peerWait: ClusterPeerWait?
    let logger: Logger

    /// A handler delivering through `notifier` for `served` (empty: all), waiting as `peerWait` says first.
    public init(notifier: Notifier, served: Set<String>, peerWait: ClusterPeerWait? = nil, logger: Logger) {
        self.notifier = notifier
        self.served = served
        self.peerWait = peerWait
        self.logger = logger
    }

    public func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        guard case .notifier(let notifierRequest) = request, case .deliver(let deliver) = notifierRequest.body else { return nil }
        if !self.served.isEmpty && !self.served.contains(deliver.receiver) {
            return .failure(.invalid, "this notifier does not serve receiver \(deliver.receiver)")
        }
        // A job without a deadline gets five minutes, so a dead endpoint cannot hold it forever.
        let job = NotificationJob(deliver: deliver, fallbackDeadline: Date().addingTimeInterval(5 * 60))
        var delivered = Tocsin_Notify_V1_Delivered()
        do throws(NotifyFailure) {
            let wait = try await self.peerWait?.current() ?? .zero
            _ = try await self.notifier.deliver(job, wait: wait)
            delivered.success = true
        } catch {
            delivered.success = false
            delivered.error = error.message
            self.logger.error(
                "Notify for alerts failed", metadata: ["receiver": "\(job.receiver)", "job": "\(job.id)", "err": "\(error.message)"])
        }
        var response = Tocsin_Notify_V1_NotifierResponse()
        response.delivered = delivered
        return .notifier(response)
    }
}
