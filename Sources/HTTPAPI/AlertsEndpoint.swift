import Foundation
import Hummingbird
import NIOCore
import TocsinDispatch
import TocsinModel

/// `POST /api/v2/alerts` and `GET /api/v2/alerts`, as Alertmanager 0.25 serves them.
///
/// A POST is answered 200 only once every accepted alert is durable in the state store (`persist`), so an
/// alert acknowledged to Prometheus survives a dispatcher crash; a persistence failure is a 503 and the
/// sender retries. Valid alerts of a batch are kept even when others are rejected (400), as Alertmanager does.
public struct AlertsEndpoint: Sendable {
    /// Makes the stored versions of alerts durable; returns why it failed, nil on success.
    public typealias Persist = @Sendable ([Alert]) async -> String?

    let runtime: DispatcherRuntime
    let metrics: APIMetrics
    let persist: Persist
    let maximumBodySize: Int

    public init(runtime: DispatcherRuntime, metrics: APIMetrics = APIMetrics(), maximumBodySize: Int = 32 << 20, persist: @escaping Persist)
    {
        self.runtime = runtime
        self.metrics = metrics
        self.persist = persist
        self.maximumBodySize = maximumBodySize
    }

    /// Adds the endpoints to `router` under `prefix` (Alertmanager's `--web.route-prefix`, "" for none).
    public func register<Context: RequestContext>(on router: Router<Context>, prefix: String = "") {
        let path = RouterPath("\(prefix)/api/v2/alerts")
        router.post(path) { request, _ in
            do {
                return try await self.post(request)
            } catch let error as APIError {
                return error.response
            }
        }
        router.get(path) { request, _ in
            do {
                return try await self.list(request)
            } catch let error as APIError {
                return error.response
            }
        }
        router.get(RouterPath("\(prefix)/api/v2/alerts/groups")) { request, _ in
            do {
                return try await self.groups(request)
            } catch let error as APIError {
                return error.response
            }
        }
    }

    private func post(_ request: Request) async throws -> Response {
        let contentType = request.headers[.contentType] ?? ""
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard mediaType == "application/json" else {
            throw APIError.swagger(
                .unsupportedMediaType,
                code: 415,
                "unsupported media type \(GoJSON.string(mediaType)), only [application/json] are allowed"
            )
        }
        let buffer = try await request.body.collect(upTo: maximumBodySize)
        let alerts = try PostableAlerts.decode(Array(buffer.readableBytesView))
        let now = Date()
        let resolved = alerts.count { $0.isResolved(at: now) }
        let (stored, errors) = await runtime.ingest(alerts)
        metrics.received(firing: alerts.count - resolved, resolved: resolved, invalid: errors.count)
        if !stored.isEmpty, let failure = await persist(stored) {
            throw APIError.handler(.serviceUnavailable, "failed to persist alerts: \(failure)")
        }
        guard errors.isEmpty else {
            throw APIError.handler(.badRequest, errors.map(\.description).joined(separator: "; "))
        }
        return Response(status: .ok)
    }

    private func filter(_ request: Request) throws(APIError) -> AlertFilter {
        let query = request.uri.queryParameters
        return try AlertFilter(
            filters: query.getAll("filter").map { String($0) },
            receiver: query["receiver"].map { String($0) },
            active: query["active"].map { String($0) },
            silenced: query["silenced"].map { String($0) },
            inhibited: query["inhibited"].map { String($0) }
        )
    }

    private func list(_ request: Request) async throws -> Response {
        let filter = try filter(request)
        let now = Date()
        let listed = await runtime.alertsWithStatus()
            .filter { filter.includes($0.alert, status: $0.status, receivers: $0.receivers, at: now) }
        // Sorted by fingerprint as Alertmanager sorts (its hex text, which orders as the number does). Each
        // fingerprint is hashed once and the sort moves (index, fingerprint) pairs, not whole alerts: at 100k
        // alerts, sorting the alerts themselves by a recomputed fingerprint was a third of the GET's time.
        let order = listed.indices.map { ($0, listed[$0].alert.fingerprint) }.sorted { $0.1 < $1.1 }
        var body = JSONBuffer(capacity: listed.count * 512)
        body.raw("[")
        for (position, (index, fingerprint)) in order.enumerated() {
            if position > 0 { body.raw(",") }
            let entry = listed[index]
            GettableAlert(alert: entry.alert, fingerprint: fingerprint, status: entry.status, receivers: entry.receivers)
                .write(to: &body)
        }
        body.raw("]\n")
        return APIResponse.json(.ok, body)
    }

    // dispatch.go Groups: the receiver regex filters routes, the alert filter the alerts; each alert lists the
    // receivers of every group it is shown in; groups sort by label set, then receiver.
    private func groups(_ request: Request) async throws -> Response {
        let filter = try filter(request)
        let now = Date()
        var receivers: [Fingerprint: [String]] = [:]
        // Each alert's fingerprint (a hash of all its labels) is computed once and carried along.
        var shown: [(labels: LabelSet, receiver: String, alerts: [(alert: Alert, fingerprint: Fingerprint, status: AlertMarkerStatus)])] =
            []
        for group in await runtime.groupsWithStatus() {
            if let regex = filter.receiver, !regex.matches(group.receiver) { continue }
            let alerts = group.alerts.filter { filter.includes($0.alert, status: $0.status, receivers: nil, at: now) }
                .map { (alert: $0.alert, fingerprint: $0.alert.fingerprint, status: $0.status) }
            guard !alerts.isEmpty else { continue }
            for entry in alerts {
                receivers[entry.fingerprint, default: []].append(group.receiver)
            }
            shown.append((group.labels, group.receiver, alerts))
        }
        shown.sort { lhs, rhs in
            if lhs.labels != rhs.labels { return AlertOrder.labelSetPrecedes(lhs.labels, rhs.labels) }
            return lhs.receiver < rhs.receiver
        }
        var body = JSONBuffer(capacity: shown.reduce(0) { $0 + $1.alerts.count } * 512)
        body.raw("[")
        for (position, group) in shown.enumerated() {
            body.raw(position == 0 ? #"{"alerts":["# : #",{"alerts":["#)
            for (index, entry) in group.alerts.enumerated() {
                if index > 0 { body.raw(",") }
                GettableAlert(
                    alert: entry.alert, fingerprint: entry.fingerprint, status: entry.status, receivers: receivers[entry.fingerprint] ?? []
                )
                .write(to: &body)
            }
            body.raw(#"],"labels":"#)
            body.labels(group.labels)
            body.raw(#","receiver":{"name":"#)
            body.string(group.receiver)
            body.raw("}}")
        }
        body.raw("]\n")
        return APIResponse.json(.ok, body)
    }
}
