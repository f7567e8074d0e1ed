import CCurl
import Synchronization

/// The bridge between calling tasks and the one thread that runs libcurl's multi interface.
///
/// Tasks put jobs and cancellations into a locked inbox and wake the thread with
/// `curl_multi_wakeup`; the thread alone touches easy handles and the multi handle otherwise, and
/// resumes each job's continuation exactly once. The multi handle (with its connection cache)
/// lives as long as this object, which the thread keeps alive until it has exited.
final class TransferDriver: Sendable {
    /// The multi handle. libcurl allows `curl_multi_wakeup` from any thread; every other call on it
    /// is made by the driver thread, and cleanup happens in `deinit`, after that thread has exited.
    struct MultiHandle: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
    }

    private struct Inbox {
        var nextID: UInt64 = 1
        /// Reserved ids not yet submitted, and whether they were cancelled in between.
        var reserved: [UInt64: Bool] = [:]
        /// Submitted ids whose continuation has not been resumed yet.
        var live: Set<UInt64> = []
        var jobs: [TransferJob] = []
        var cancellations: [UInt64] = []
        var stopping = false
    }

    /// What the driver thread takes from the inbox in one go.
    struct Work {
        var jobs: [TransferJob]
        var cancellations: [UInt64]
        var stopping: Bool
    }

    let multi: MultiHandle
    private let inbox = Mutex(Inbox())
    private let thread = Mutex<DriverThread?>(nil)

    init(configuration: CurlClient.Configuration) {
        _ = CurlGlobal.initialized
        guard let raw = curl_multi_init() else {
            fatalError("curl_multi_init failed: libcurl could not allocate a multi handle")
        }
        multi = MultiHandle(raw: raw)
        if let limit = configuration.maximumCachedConnections {
            _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAXCONNECTS, limit)
        }
        if let limit = configuration.maximumConnectionsPerHost {
            _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAX_HOST_CONNECTIONS, limit)
        }
        if let limit = configuration.maximumTotalConnections {
            _ = ccurl_multi_setopt_long(raw, CURLMOPT_MAX_TOTAL_CONNECTIONS, limit)
        }
        let poolSize = configuration.idleHandlePoolSize
        let started = DriverThread { [self] in
            MultiLoop(driver: self, poolCapacity: poolSize).run()
        }
        thread.withLock { $0 = started }
    }

    deinit {
        curl_multi_cleanup(multi.raw)
    }

    /// Runs one transfer on the driver thread and waits for its outcome; cancelling the calling
    /// task removes the transfer from libcurl and throws `CancellationError`.
    func run<Result: Sendable>(
        _ makeWork: @Sendable (CheckedContinuation<Result, any Error>) -> TransferJob.Work
    ) async throws -> Result {
        let id = inbox.withLock { inbox in
            let id = inbox.nextID
            inbox.nextID += 1
            inbox.reserved[id] = false
            return id
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                submit(TransferJob(id: id, work: makeWork(continuation)))
            }
        } onCancel: {
            cancel(id)
        }
    }

    /// Asks the thread to stop: running transfers fail with ``CurlError/Kind/clientShutDown``,
    /// later ones are refused. Returns once the thread has exited (called from the driver thread
    /// itself, it returns at once and the thread exits after the current turn).
    func shutdown() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi.raw)
        guard let running = thread.withLock({ $0.take() }) else { return }
        if !running.isCurrent {
            running.join()
        }
    }

    /// Called by the driver thread: everything queued since the last turn.
    func takeWork() -> Work {
        inbox.withLock { inbox in
            let work = Work(jobs: inbox.jobs, cancellations: inbox.cancellations, stopping: inbox.stopping)
            inbox.jobs.removeAll()
            inbox.cancellations.removeAll()
            return work
        }
    }

    /// Called by the driver thread after it resumed a job's continuation.
    func finished(_ id: UInt64) {
        inbox.withLock { _ = $0.live.remove(id) }
    }

    private enum Admission {
        case queued
        case refused(any Error)
    }

    private func submit(_ job: TransferJob) {
        let admission: Admission = inbox.withLock { inbox in
            let cancelled = inbox.reserved.removeValue(forKey: job.id) ?? false
            if inbox.stopping {
                return .refused(CurlError.shutDown)
            }
            if cancelled {
                return .refused(CancellationError())
            }
            inbox.jobs.append(job)
            inbox.live.insert(job.id)
            return .queued
        }
        switch admission {
        case .queued: curl_multi_wakeup(multi.raw)
        case .refused(let error): job.fail(with: error)
        }
    }

    private func cancel(_ id: UInt64) {
        let wake = inbox.withLock { inbox in
            if inbox.reserved[id] != nil {
                inbox.reserved[id] = true
                return false
            }
            guard inbox.live.contains(id) else { return false }
            inbox.cancellations.append(id)
            return true
        }
        if wake {
            curl_multi_wakeup(multi.raw)
        }
    }
}

extension CurlError {
    /// The error for transfers still running, or newly submitted, after ``CurlClient/shutdown()``.
    static let shutDown = CurlError(kind: .clientShutDown, message: "client is shut down", operation: "")
}
