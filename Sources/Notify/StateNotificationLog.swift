import Foundation
import TocsinModel
import TocsinWire

/// The notification log kept by tocsin-state, reached over its socket.
///
/// `LogNotification` is answered only once the entry is durable, which is what lets the notifier
/// acknowledge a job after recording it.
public struct StateNotificationLog: NotificationLog {
    let client: WireClient
    let timeout: Duration

    /// A log behind `client` (a client to tocsin-state that runs elsewhere as a service).
    public init(client: WireClient, timeout: Duration = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    public func entry(groupKey: String, receiver: NotificationReceiver) async throws -> NotificationLogEntry? {
        var query = Tocsin_State_V1_QueryNotification()
        query.receiver = Self.protobuf(receiver)
        query.groupKey = groupKey
        let answer = try await self.client.request(Self.state(.queryNotification(query)), timeout: self.timeout)
        guard case .state(let state) = answer, case .notification(let notification) = state.body else {
            throw UnexpectedAnswer(request: "QueryNotification", answer: "\(answer)")
        }
        guard notification.found else { return nil }
        let entry = notification.entry
        return NotificationLogEntry(
            groupKey: GroupKey(rawValue: String(decoding: entry.groupKey, as: UTF8.self)),
            receiver: receiver,
            timestamp: Date(timeIntervalSince1970: Double(entry.timestamp.seconds) + Double(entry.timestamp.nanos) / 1e9),
            firingAlerts: entry.firingAlerts,
            resolvedAlerts: entry.resolvedAlerts,
            // A query answers the entry without its mesh expiry; the store drops it once expired.
            expiresAt: .distantFuture
        )
    }

    public func record(groupKey: String, receiver: NotificationReceiver, firing: [UInt64], resolved: [UInt64], expiry: Duration)
        async throws
    {
        var log = Tocsin_State_V1_LogNotification()
        log.receiver = Self.protobuf(receiver)
        log.groupKey = groupKey
        log.firingAlerts = firing
        log.resolvedAlerts = resolved
        log.expiryMilliseconds = expiry.components.seconds * 1000 + expiry.components.attoseconds / 1_000_000_000_000_000
        let answer = try await self.client.request(Self.state(.logNotification(log)), timeout: self.timeout)
        guard case .state(let state) = answer, case .notificationLogged = state.body else {
            throw UnexpectedAnswer(request: "LogNotification", answer: "\(answer)")
        }
    }

    static func state(_ body: Tocsin_State_V1_StateRequest.OneOf_Body) -> WireRequest.OneOf_Body {
        var request = Tocsin_State_V1_StateRequest()
        request.body = body
        return .state(request)
    }

    static func protobuf(_ receiver: NotificationReceiver) -> Nflogpb_Receiver {
        var message = Nflogpb_Receiver()
        message.groupName = receiver.groupName
        message.integration = receiver.integration
        message.idx = receiver.idx
        return message
    }

    /// tocsin-state answered a request with something else than its reply.
    struct UnexpectedAnswer: Error, CustomStringConvertible {
        let request: String
        let answer: String
        var description: String { "unexpected answer to \(self.request): \(self.answer)" }
    }
}
