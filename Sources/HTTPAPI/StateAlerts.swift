import Foundation
import TocsinModel
import TocsinWire

/// The accepted alerts as tocsin-state keeps them: written through `PutAlerts` before the API answers, and
/// read back in fingerprint order through `ListAlerts` pages when the dispatcher starts.
public struct StateAlerts: Sendable {
    let state: WireClient
    let pageSize: UInt32

    public init(state: WireClient, pageSize: UInt32 = 1000) {
        self.state = state
        self.pageSize = pageSize
    }

    /// Stores `alerts` durably; returns why it failed, nil once the state store acknowledged.
    public func persist(_ alerts: [Alert]) async -> String? {
        var put = Tocsin_State_V1_PutAlerts()
        put.alerts = alerts.map(\.protobuf)
        var request = Tocsin_State_V1_StateRequest()
        request.putAlerts = put
        do {
            guard case .state(let response) = try await state.request(.state(request)),
                case .alertsStored? = response.body
            else {
                return "unexpected answer from the state store"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Removes the alerts the dispatcher garbage-collected; returns why it failed, nil once durable.
    public func remove(_ fingerprints: [Fingerprint]) async -> String? {
        var remove = Tocsin_State_V1_RemoveAlerts()
        remove.fingerprints = fingerprints.map(\.rawValue)
        var request = Tocsin_State_V1_StateRequest()
        request.removeAlerts = remove
        do {
            guard case .state(let response) = try await state.request(.state(request)),
                case .alertsRemoved? = response.body
            else {
                return "unexpected answer from the state store"
            }
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Every stored alert, page by page.
    public func all() async throws -> [Alert] {
        var alerts: [Alert] = []
        var after: UInt64 = 0
        while true {
            var list = Tocsin_State_V1_ListAlerts()
            list.afterFingerprint = after
            list.limit = pageSize
            var request = Tocsin_State_V1_StateRequest()
            request.listAlerts = list
            guard case .state(let response) = try await state.request(.state(request)),
                case .alertPage(let page)? = response.body
            else {
                throw WireClientError.failed(.internal, "unexpected answer to ListAlerts")
            }
            alerts += page.alerts.map(Alert.init(protobuf:))
            guard page.more, page.lastFingerprint > after else { return alerts }
            after = page.lastFingerprint
        }
    }
}
