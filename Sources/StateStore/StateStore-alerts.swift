import TocsinWire
import Foundation
import TocsinModel

extension StateStore {
    /// Stores the current version of alerts (already merged by the dispatcher), replacing any with the same
    /// fingerprint. New, changed and resolved alerts are durable when this returns; a firing alert re-sent
    /// with only a later `endsAt` (and `updatedAt`) is persisted lazily, with the next commit or flush, so
    /// Prometheus' periodic re-sends do not cost an fsync each.
    public func putAlerts(_ alerts: [Alert]) async throws(StateStoreError) {
        try await put(alerts.map { ($0, $0.protobuf) })
    }

    /// Stores alerts as they arrived over the socket (see `putAlerts`): the received messages themselves go
    /// into the log, which saves encoding each alert again (an eighth of the store's CPU per alert).
    public func putAlerts(received messages: [Tocsin_State_V1_StoredAlert]) async throws(StateStoreError) {
        try await put(messages.map { (Alert(protobuf: $0), $0) })
    }

    private func put(_ alerts: [(alert: Alert, message: Tocsin_State_V1_StoredAlert)]) async throws(StateStoreError) {
        try checkWritable()
        let instant = configuration.clock.now()
        var needsCommit = false
        for (alert, message) in alerts {
            let fingerprint = alert.fingerprint
            let previous = alertTable[fingerprint]
            alertTable[fingerprint] = alert
            var record = Tocsin_State_V1_LogRecord()
            record.alert = message
            if let previous, previous.isRefresh(alert, at: instant) {
                stage(record, .alert(alert), origin: .local, deferredAlert: fingerprint)
            } else {
                stage(record, .alert(alert), origin: .local)
                needsCommit = true
            }
        }
        if needsCommit {
            try await commit()
        }
    }

    /// Stores one alert; see `putAlerts`.
    public func putAlert(_ alert: Alert) async throws(StateStoreError) {
        try await putAlerts([alert])
    }

    /// Removes alerts (the dispatcher's alert GC) and returns once the removal is durable.
    public func removeAlerts(_ fingerprints: [Fingerprint]) async throws(StateStoreError) {
        try checkWritable()
        var needsCommit = false
        for fingerprint in fingerprints where alertTable.removeValue(forKey: fingerprint) != nil {
            var record = Tocsin_State_V1_LogRecord()
            record.alertRemoved = fingerprint.rawValue
            stage(record, .alertRemoved(fingerprint), origin: .local)
            needsCommit = true
        }
        if needsCommit {
            try await commit()
        }
    }

    /// The stored alert with `fingerprint`, or nil.
    public func alert(_ fingerprint: Fingerprint) -> Alert? {
        alertTable[fingerprint]
    }

    /// Every stored alert, sorted by fingerprint: what the dispatcher loads at start-up.
    public func allAlerts() -> [Alert] {
        alertTable.sorted { $0.key < $1.key }.map(\.value)
    }
}
