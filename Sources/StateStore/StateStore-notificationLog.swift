import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

extension StateStore {
    /// Records a successful notification of `groupKey` through `receiver` at now (nflog.go `Log`) and
    /// returns once it is durable. `expiry` is the caller's `2 × repeat_interval`: the entry is kept until
    /// `now + min(retention, expiry)` (the retention alone when `expiry` is 0). An existing entry stamped in
    /// the future (clock skew between peers) is kept, as in Alertmanager.
    public func logNotification(
        receiver: NotificationReceiver, groupKey: GroupKey, firingAlerts: [UInt64], resolvedAlerts: [UInt64],
        expiry: TimeInterval
    ) async throws(StateStoreError) {
        try checkWritable()
        guard
            let stored = notificationTable.log(
                receiver: receiver, groupKey: groupKey, firingAlerts: firingAlerts, resolvedAlerts: resolvedAlerts,
                expiry: expiry, now: now())
        else {
            return
        }
        stageNotification(stored, origin: .local)
        try await commit()
    }

    /// The last notification of `groupKey` through `receiver`, or nil (Alertmanager's `ErrNotFound`, which
    /// it also counts as a query error).
    public func notification(receiver: NotificationReceiver, groupKey: GroupKey) -> NotificationLogEntry? {
        let start = ContinuousClock.now
        let found = notificationTable.entry(receiver: receiver, groupKey: groupKey)?.entry
        counters.nflogQueriesTotal += 1
        if found == nil {
            counters.nflogQueryErrorsTotal += 1
        }
        counters.nflogQueryDuration.observe((ContinuousClock.now - start).seconds)
        return found
    }

    func stageNotification(_ stored: StoredNotification, origin: StateChange.Origin) {
        var record = Tocsin_State_V1_LogRecord()
        record.nflogEntry = (try? stored.mesh.serializedData()) ?? Data()
        stage(record, .notification(stored), origin: origin)
    }
}
