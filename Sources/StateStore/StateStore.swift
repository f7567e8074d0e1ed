import TocsinWire
import Foundation
import SwiftProtobuf
import TocsinModel

/// The durable owner of silences, the notification log and accepted alerts: Alertmanager's `silence` and
/// `nflog` packages plus an alert table, behind one actor that a socket service can call directly.
///
/// Invariants:
/// - A change is acknowledged (its async method returns) only after its log record is fsynced; changes made
///   while an fsync runs share the next one (group commit). Re-sent firing alerts are the one exception:
///   they ride along with the next commit (`putAlert`).
/// - Every change gets the next version, and changes are published to subscribers after they are durable,
///   in version order.
/// - After a failed write the store refuses further changes (`storageFailed`): memory may be ahead of disk,
///   and reopening replays what is really stored.
/// - On disk: Alertmanager's `silences` and `nflog` snapshots (readable by Alertmanager 0.25), Tocsin's
///   `alerts` snapshot, and `state.wal` holding the changes since those snapshots.
public actor StateStore {
    /// How the store was set up.
    public nonisolated let configuration: StateStoreConfiguration
    /// What opening found on disk (records replayed, a torn record cut).
    public nonisolated let recovery: RecoveryReport

    var silenceTable: SilenceTable
    var notificationTable: NotificationLogTable
    var alertTable: [Fingerprint: Alert] = [:]
    var version: UInt64 = 0
    var counters = StateStoreMetrics()
    let log: StateLog
    private let lock: DirectoryLock

    private var staged: [UInt8] = []
    private var stagedRecordCount = 0
    private var stagedChanges: [StateChange] = []
    private var deferredAlertRecords: [Fingerprint: [UInt8]] = [:]
    private var waiters: [CheckedContinuation<Result<Void, StateStoreError>, Never>] = []
    private var flushing = false
    private var failure: StateStoreError?
    private var isClosing = false
    private var isClosed = false
    private var subscribers: [UInt64: AsyncStream<StateChange>.Continuation] = [:]
    private var nextSubscriberID: UInt64 = 0

    /// Opens the store in `configuration.directory` (created if missing): loads the snapshots, replays the
    /// log on top, cuts a torn last log record (reported in `recovery`) and fails on any other damage with an
    /// error naming the file and byte offset, never starting empty over existing data.
    public init(configuration: StateStoreConfiguration) throws(StateStoreError) {
        self.configuration = configuration
        try FileSystem.createDirectory(configuration.directory)
        lock = try DirectoryLock.acquire(configuration.directory)
        var silences = SilenceTable(retention: configuration.retention, limits: configuration.silenceLimits)
        var notifications = NotificationLogTable(retention: configuration.retention)
        var alerts: [Fingerprint: Alert] = [:]

        let silencesPath = configuration.silencesPath
        for (offset, mesh) in try Self.readSnapshot(Silencepb_MeshSilence.self, path: silencesPath) {
            guard mesh.hasSilence else {
                throw .corruptSnapshot(path: silencesPath, offset: offset, reason: "invalid state (no silence)")
            }
            silences.replace(StoredSilence(mesh: SilenceTable.upgradingComments(mesh)))
        }
        let nflogPath = configuration.notificationLogPath
        for (offset, mesh) in try Self.readSnapshot(Nflogpb_MeshEntry.self, path: nflogPath) {
            guard mesh.hasEntry, mesh.entry.hasReceiver else {
                throw .corruptSnapshot(path: nflogPath, offset: offset, reason: "invalid state (no entry or receiver)")
            }
            notifications.replace(StoredNotification(mesh: mesh))
        }
        for (_, stored) in try Self.readSnapshot(Tocsin_State_V1_StoredAlert.self, path: configuration.alertsPath) {
            let alert = Alert(protobuf: stored)
            alerts[alert.fingerprint] = alert
        }
        let snapshotCounts = (silences.count, notifications.count, alerts.count)

        let opened = try StateLog.open(path: configuration.logPath)
        do throws(StateStoreError) {
            for (offset, record) in opened.records {
                if let reason = Self.replay(
                    record, silences: &silences, notifications: &notifications, alerts: &alerts)
                {
                    throw StateStoreError.corruptLog(path: opened.log.path, offset: offset, reason: reason)
                }
            }
        } catch {
            opened.log.close {}
            throw error
        }
        log = opened.log
        silenceTable = silences
        notificationTable = notifications
        alertTable = alerts
        recovery = RecoveryReport(
            silencesFromSnapshot: snapshotCounts.0,
            notificationsFromSnapshot: snapshotCounts.1,
            alertsFromSnapshot: snapshotCounts.2,
            logRecordsReplayed: opened.records.count,
            logRepair: opened.repair)
        // Alertmanager bumps the silence version when it loads a snapshot.
        version = 1
        counters.logTornRecordsTotal = opened.repair == nil ? 0 : 1
    }

    /// Writes a final snapshot (as Alertmanager does at shutdown), truncates the log, closes the file and
    /// ends every change stream. Later calls that change state throw `closed`. With `snapshot: false` the
    /// log is left as it is (everything acknowledged is already in it), for a fast stop or a replay check.
    public func close(snapshot: Bool = true) async throws(StateStoreError) {
        guard !isClosing else {
            return
        }
        isClosing = true
        defer {
            isClosed = true
            for subscriber in subscribers.values {
                subscriber.finish()
            }
            subscribers = [:]
        }
        var finalError: StateStoreError?
        if failure == nil {
            do throws(StateStoreError) {
                if snapshot {
                    try await runMaintenance()
                }
                try await flushDeferredWrites()
            } catch {
                finalError = error
            }
        }
        // The file is closed (and its lock released) even when the final snapshot failed: the log still
        // holds every acknowledged change.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            log.close { continuation.resume() }
        }
        lock.release()
        if let finalError {
            throw finalError
        }
    }

    /// The current version: the version of the last change, bumped by every change (the silence marker
    /// compares it, as Alertmanager's `Silences.Version()`).
    public var currentVersion: UInt64 { version }

    /// The store's counters and gauges now.
    public func metrics() -> StateStoreMetrics {
        var snapshot = counters
        snapshot.silencesByState = silenceTable.countByState(now: now())
        snapshot.alerts = alertTable.count
        snapshot.version = version
        return snapshot
    }

    /// Everything the store holds, with the version it corresponds to.
    public func fullState() -> StateSnapshot {
        StateSnapshot(
            version: version, silences: silenceTable.silences, notifications: notificationTable.entries,
            alerts: alertTable)
    }

    /// The full state and a stream of every change after it, taken atomically: a subscriber applies the
    /// snapshot, then each change whose version is above the snapshot's (a change staged but not yet durable
    /// when subscribing is in the snapshot and is also delivered once durable; skip it by version).
    public func subscribe() -> (snapshot: StateSnapshot, changes: AsyncStream<StateChange>) {
        let (stream, continuation) = AsyncStream<StateChange>.makeStream(bufferingPolicy: .unbounded)
        if isClosing {
            continuation.finish()
            return (fullState(), stream)
        }
        let id = nextSubscriberID
        nextSubscriberID += 1
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return (fullState(), stream)
    }

    private func unsubscribe(_ id: UInt64) {
        subscribers[id] = nil
    }

    // MARK: - Changes and group commit

    /// The current instant as Go would hold it.
    func now() -> GoTimestamp {
        GoTimestamp(configuration.clock.now())
    }

    /// Throws unless the store accepts changes. Once `close()` has begun only its own maintenance may
    /// still change state (`duringClose`), so nothing is staged after the final flush.
    func checkWritable(duringClose: Bool = false) throws(StateStoreError) {
        if isClosed || (isClosing && !duringClose) {
            throw .closed
        }
        if let failure {
            throw failure
        }
    }

    /// Applies nothing itself: records a change already applied in memory, giving it the next version.
    /// `deferredAlert` marks a lazily persisted alert refresh, written with the next commit.
    func stage(
        _ record: Tocsin_State_V1_LogRecord, _ kind: StateChange.Kind, origin: StateChange.Origin,
        deferredAlert: Fingerprint? = nil
    ) {
        version += 1
        stagedChanges.append(StateChange(version: version, origin: origin, kind: kind))
        if let deferredAlert {
            deferredAlertRecords[deferredAlert] = StateLog.frame(record)
            counters.alertWritesDeferredTotal += 1
            return
        }
        if case .alert(let stored) = record.change {
            deferredAlertRecords[Alert(protobuf: stored).fingerprint] = nil
        }
        if case .alertRemoved(let raw) = record.change {
            deferredAlertRecords[Fingerprint(rawValue: raw)] = nil
        }
        staged.append(contentsOf: StateLog.frame(record))
        stagedRecordCount += 1
    }

    /// Returns once everything staged so far is fsynced (sharing the fsync with concurrent callers).
    func commit() async throws(StateStoreError) {
        if let failure {
            throw failure
        }
        let result = await withCheckedContinuation { continuation in
            waiters.append(continuation)
            startFlushIfIdle()
        }
        try result.get()
    }

    /// Writes deferred alert refreshes (and anything staged) now; the maintenance loop calls this so a
    /// refresh is on disk within the flush interval even when no other change comes.
    public func flushDeferredWrites() async throws(StateStoreError) {
        guard !deferredAlertRecords.isEmpty || !staged.isEmpty || !stagedChanges.isEmpty else {
            return
        }
        try await commit()
    }

    private func startFlushIfIdle() {
        guard !flushing, !waiters.isEmpty else {
            return
        }
        if let failure {
            let pending = waiters
            waiters = []
            pending.forEach { $0.resume(returning: .failure(failure)) }
            return
        }
        // Deferred refreshes go last: each holds its alert's newest value (a later durable write of the
        // same alert drops it), so nothing in the batch may overwrite it on replay.
        var batch = staged
        let recordCount = stagedRecordCount + deferredAlertRecords.count
        for record in deferredAlertRecords.values {
            batch.append(contentsOf: record)
        }
        let changes = stagedChanges
        let batchWaiters = waiters
        staged = []
        stagedRecordCount = 0
        stagedChanges = []
        deferredAlertRecords = [:]
        waiters = []
        if batch.isEmpty {
            finishFlush(.success(()), waiters: batchWaiters, changes: changes, recordCount: 0)
            return
        }
        flushing = true
        log.append(batch) { result in
            Task { await self.finishFlush(result, waiters: batchWaiters, changes: changes, recordCount: recordCount) }
        }
    }

    private func finishFlush(
        _ result: Result<Void, StateStoreError>,
        waiters batchWaiters: [CheckedContinuation<Result<Void, StateStoreError>, Never>],
        changes: [StateChange], recordCount: Int
    ) {
        flushing = false
        switch result {
        case .success:
            if recordCount > 0 {
                counters.logSyncsTotal += 1
                counters.logRecordsTotal += UInt64(recordCount)
            }
            for change in changes {
                for subscriber in subscribers.values {
                    subscriber.yield(change)
                }
            }
            batchWaiters.forEach { $0.resume(returning: .success(())) }
        case .failure(let error):
            let stopped = StateStoreError.storageFailed(error.description)
            failure = stopped
            batchWaiters.forEach { $0.resume(returning: .failure(stopped)) }
        }
        startFlushIfIdle()
    }

    /// Queues `work` on the log's writer after every write queued so far and waits for it.
    func performOnLog<T: Sendable>(
        _ work: @escaping @Sendable () throws(StateStoreError) -> T
    ) async throws(StateStoreError) -> T {
        let result = await withCheckedContinuation { continuation in
            log.perform(work) { continuation.resume(returning: $0) }
        }
        return try result.get()
    }

    // MARK: - Loading

    private static func readSnapshot<M: SwiftProtobuf.Message>(
        _ type: M.Type, path: String
    ) throws(StateStoreError) -> [(offset: Int, message: M)] {
        guard let bytes = try FileSystem.readFile(path) else {
            return []
        }
        do {
            return try DelimitedMessages.decode(type, from: bytes)
        } catch {
            throw .corruptSnapshot(path: path, offset: error.offset, reason: error.reason)
        }
    }

    /// Applies one log record without any rule (each record is the new value of one key); returns why a
    /// record could not be applied.
    private static func replay(
        _ record: Tocsin_State_V1_LogRecord, silences: inout SilenceTable,
        notifications: inout NotificationLogTable, alerts: inout [Fingerprint: Alert]
    ) -> String? {
        switch record.change {
        case .silence(let bytes):
            guard let mesh = try? Silencepb_MeshSilence(serializedBytes: bytes), mesh.hasSilence else {
                return "undecodable silence in record"
            }
            silences.replace(StoredSilence(mesh: mesh))
        case .silenceRemoved(let id):
            silences.remove(id: id)
        case .nflogEntry(let bytes):
            guard let mesh = try? Nflogpb_MeshEntry(serializedBytes: bytes), mesh.hasEntry else {
                return "undecodable nflog entry in record"
            }
            notifications.replace(StoredNotification(mesh: mesh))
        case .nflogEntryRemoved(let key):
            notifications.remove(stateKey: key)
        case .alert(let stored):
            let alert = Alert(protobuf: stored)
            alerts[alert.fingerprint] = alert
        case .alertRemoved(let raw):
            alerts[Fingerprint(rawValue: raw)] = nil
        case nil:
            return "record without a change"
        }
        return nil
    }
}
