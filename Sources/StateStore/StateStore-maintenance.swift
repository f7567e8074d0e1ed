import TocsinWire
import Foundation
import TocsinModel

extension StateStore {
    /// Drops silences whose `expiresAt` (end + retention) is not after now and nflog entries past their
    /// `expiresAt` (silence.go and nflog.go `GC`); the removals are durable when this returns.
    @discardableResult
    public func collectGarbage() async throws(StateStoreError) -> (silences: Int, notifications: Int) {
        try checkWritable(duringClose: true)
        let instant = now()
        var start = ContinuousClock.now
        let silenceIDs = silenceTable.collectGarbage(now: instant)
        counters.silencesGCDurationSecondsSum += (ContinuousClock.now - start).seconds
        counters.silencesGCDurationSecondsCount += 1
        start = ContinuousClock.now
        let notificationKeys = notificationTable.collectGarbage(now: instant)
        counters.nflogGCDurationSecondsSum += (ContinuousClock.now - start).seconds
        counters.nflogGCDurationSecondsCount += 1
        for id in silenceIDs {
            var record = Tocsin_State_V1_LogRecord()
            record.silenceRemoved = id
            stage(record, .silenceRemoved(id: id), origin: .local)
        }
        for key in notificationKeys {
            var record = Tocsin_State_V1_LogRecord()
            record.nflogEntryRemoved = key
            stage(record, .notificationRemoved(stateKey: key), origin: .local)
        }
        if !silenceIDs.isEmpty || !notificationKeys.isEmpty {
            try await commit()
        }
        return (silenceIDs.count, notificationKeys.count)
    }

    /// One maintenance run (Alertmanager's `Maintenance` body): garbage collection, then the `silences`,
    /// `nflog` and `alerts` snapshots written atomically, then the log truncated. The snapshots hold
    /// everything in the log at that point, and the truncation is queued behind every earlier log write, so
    /// no acknowledged change is ever only in the part that is cut.
    @discardableResult
    public func runMaintenance() async throws(StateStoreError) -> MaintenanceReport {
        counters.silencesMaintenanceTotal += 1
        counters.nflogMaintenanceTotal += 1
        do throws(StateStoreError) {
            let removed = try await collectGarbage()
            let encodeStart = ContinuousClock.now
            let silencesBytes: [UInt8]
            let nflogBytes: [UInt8]
            var alertsBytes: [UInt8] = []
            do {
                silencesBytes = try silenceTable.marshal()
                nflogBytes = try notificationTable.marshal()
                for alert in alertTable.values {
                    try DelimitedMessages.append(alert.protobuf, to: &alertsBytes)
                }
            } catch {
                throw StateStoreError.storageFailed("encoding a snapshot failed: \(error)")
            }
            let encoding = (ContinuousClock.now - encodeStart).seconds
            let alertsSnapshot = alertsBytes
            let configuration = configuration
            let log = log
            let durations = try await performOnLog { () throws(StateStoreError) -> (Double, Double) in
                var start = ContinuousClock.now
                try FileSystem.replaceFile(configuration.silencesPath, with: silencesBytes)
                let silences = (ContinuousClock.now - start).seconds
                start = ContinuousClock.now
                try FileSystem.replaceFile(configuration.notificationLogPath, with: nflogBytes)
                let nflog = (ContinuousClock.now - start).seconds
                try FileSystem.replaceFile(configuration.alertsPath, with: alertsSnapshot)
                try log.truncateNow()
                return (silences, nflog)
            }
            counters.silencesSnapshotDurationSecondsSum += durations.0 + encoding / 2
            counters.silencesSnapshotDurationSecondsCount += 1
            counters.nflogSnapshotDurationSecondsSum += durations.1 + encoding / 2
            counters.nflogSnapshotDurationSecondsCount += 1
            counters.silencesSnapshotSizeBytes = silencesBytes.count
            counters.nflogSnapshotSizeBytes = nflogBytes.count
            return MaintenanceReport(
                silencesRemoved: removed.silences, notificationsRemoved: removed.notifications,
                silencesSnapshotBytes: silencesBytes.count, notificationLogSnapshotBytes: nflogBytes.count,
                alertsSnapshotBytes: alertsBytes.count)
        } catch {
            counters.silencesMaintenanceErrorsTotal += 1
            counters.nflogMaintenanceErrorsTotal += 1
            throw error
        }
    }

    /// Runs maintenance once per element of `ticks` until the sequence ends; failures are counted in the
    /// maintenance error metrics and the next tick tries again. Tests drive it with their own ticks.
    public func runMaintenance<Ticks: AsyncSequence<Void, Never>>(on ticks: Ticks) async {
        for await _ in ticks {
            _ = try? await runMaintenance()
        }
    }

    /// The daemon's maintenance loop until the task is cancelled: maintenance every `interval`
    /// (`--data.maintenance-interval`, 15m in Alertmanager) and deferred alert refreshes written every
    /// `deferredFlushInterval`. The final snapshot at shutdown is `close()`'s job.
    public func runMaintenanceLoop(interval: Duration, deferredFlushInterval: Duration = .seconds(1)) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                while (try? await Task.sleep(for: interval)) != nil {
                    _ = try? await self.runMaintenance()
                }
            }
            group.addTask {
                while (try? await Task.sleep(for: deferredFlushInterval)) != nil {
                    try? await self.flushDeferredWrites()
                }
            }
        }
    }
}
