import Foundation
import TocsinModel
import TocsinWire

/// Serves tocsin-state's requests over the socket protocol (`tocsin.state.v1.StateRequest`).
///
/// Each request maps onto one call of the store, and is answered only once that call returned: a change
/// is acknowledged when it is durable. Store errors become failures with a code the caller can act on:
/// `invalid` for requests that fail validation (with Alertmanager's text), `notFound`, and `unavailable`
/// when the store cannot write, so callers retry elsewhere or later.
public struct StateService: WireRequestHandler {
    /// The largest alert page answered, whatever the caller asks, so a page stays far below the frame limit.
    public static let maximumAlertPage = 5000

    public let store: StateStore

    public init(store: StateStore) {
        self.store = store
    }

    public func handle(_ request: WireRequest.OneOf_Body, from peer: WirePeer) async -> WireResponse.OneOf_Body? {
        guard case .state(let request) = request else { return nil }
        do {
            var response = Tocsin_State_V1_StateResponse()
            response.body = try await self.serve(request.body)
            return .state(response)
        } catch let error as StateStoreError {
            return .failure(Self.code(for: error), error.description)
        } catch let error as StateServiceError {
            return .failure(.invalid, error.description)
        } catch {
            return .failure(.internal, "\(error)")
        }
    }

    private func serve(_ body: Tocsin_State_V1_StateRequest.OneOf_Body?) async throws -> Tocsin_State_V1_StateResponse.OneOf_Body {
        switch body {
        case .setSilence(let request):
            guard let silence = Silence(protobuf: request.silence) else {
                throw StateServiceError.invalidMatchers
            }
            var answer = Tocsin_State_V1_SilenceSet()
            answer.id = try await self.store.setSilence(silence)
            return .silenceSet(answer)

        case .expireSilence(let request):
            try await self.store.expireSilence(id: request.id)
            return .silenceExpired(Tocsin_State_V1_SilenceExpired())

        case .querySilences(let request):
            var answer = Tocsin_State_V1_Silences()
            answer.silences = await self.store.storedSilences(ids: request.ids).map(\.mesh.silence)
            return .silences(answer)

        case .logNotification(let request):
            try await self.store.logNotification(
                receiver: NotificationReceiver(request.receiver),
                groupKey: GroupKey(rawValue: request.groupKey),
                firingAlerts: request.firingAlerts,
                resolvedAlerts: request.resolvedAlerts,
                expiry: TimeInterval(request.expiryMilliseconds) / 1000
            )
            return .notificationLogged(Tocsin_State_V1_NotificationLogged())

        case .queryNotification(let request):
            var answer = Tocsin_State_V1_Notification()
            if let stored = await self.store.storedNotification(
                receiver: NotificationReceiver(request.receiver),
                groupKey: GroupKey(rawValue: request.groupKey)
            ) {
                answer.found = true
                answer.entry = stored.mesh.entry
            }
            return .notification(answer)

        case .putAlerts(let request):
            try await self.store.putAlerts(received: request.alerts)
            return .alertsStored(Tocsin_State_V1_AlertsStored())

        case .removeAlerts(let request):
            try await self.store.removeAlerts(request.fingerprints.map(Fingerprint.init(rawValue:)))
            return .alertsRemoved(Tocsin_State_V1_AlertsRemoved())

        case .listAlerts(let request):
            let limit = request.limit == 0 ? Self.maximumAlertPage : min(Int(request.limit), Self.maximumAlertPage)
            let sorted = await self.store.allAlerts()
                .filter { $0.fingerprint.rawValue > request.afterFingerprint }
                .sorted { $0.fingerprint.rawValue < $1.fingerprint.rawValue }
            var page = Tocsin_State_V1_AlertPage()
            page.alerts = sorted.prefix(limit).map(\.protobuf)
            page.more = sorted.count > limit
            page.lastFingerprint = sorted.prefix(limit).last?.fingerprint.rawValue ?? request.afterFingerprint
            return .alertPage(page)

        case .exportState(let request):
            var answer = Tocsin_State_V1_ExportedState()
            switch request.kind {
            case .silences: answer.data = Data(await self.store.silencesState())
            case .nflog: answer.data = Data(await self.store.notificationLogState())
            default: throw StateServiceError.unknownKind
            }
            return .exportedState(answer)

        case .mergeState(let request):
            var answer = Tocsin_State_V1_StateMerged()
            switch request.kind {
            case .silences: answer.changed = UInt32(try await self.store.mergeSilences(Array(request.data)))
            case .nflog: answer.changed = UInt32(try await self.store.mergeNotificationLog(Array(request.data)))
            default: throw StateServiceError.unknownKind
            }
            return .stateMerged(answer)

        case .none:
            throw StateServiceError.emptyRequest
        }
    }

    static func code(for error: StateStoreError) -> WireFailure.Code {
        switch error {
        case .silenceNotFound: return .notFound
        case .invalidSilence, .tooManySilences, .silenceTooLarge, .invalidState, .malformedState: return .invalid
        case .storageFailed, .closed, .io, .directoryLocked: return .unavailable
        case .corruptSnapshot, .corruptLog: return .internal
        }
    }
}

/// Requests the service rejects before they reach the store.
enum StateServiceError: Error, CustomStringConvertible {
    case invalidMatchers
    case unknownKind
    case emptyRequest

    var description: String {
        switch self {
        case .invalidMatchers: return "silence invalid: a matcher has an unknown type or a regex that does not compile"
        case .unknownKind: return "unknown state kind"
        case .emptyRequest: return "state request has no body"
        }
    }
}

extension NotificationReceiver {
    /// The model form of an nflogpb receiver.
    init(_ protobuf: Nflogpb_Receiver) {
        self.init(groupName: protobuf.groupName, integration: protobuf.integration, idx: protobuf.idx)
    }
}

extension StateStore {
    /// The stored silences with these ids (all when `ids` is empty), exactly as stored.
    func storedSilences(ids: [String]) -> [StoredSilence] {
        let all = self.silenceTable.silences
        guard !ids.isEmpty else { return Array(all.values) }
        return ids.compactMap { all[$0] }
    }

    /// The stored nflog entry of `groupKey` through `receiver`, counted as an nflog query.
    func storedNotification(receiver: NotificationReceiver, groupKey: GroupKey) -> StoredNotification? {
        guard self.notification(receiver: receiver, groupKey: groupKey) != nil else { return nil }
        return self.notificationTable.entry(receiver: receiver, groupKey: groupKey)
    }
}
