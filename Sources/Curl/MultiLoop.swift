import CCurl
import Glibc

/// The body of the driver thread: takes jobs from the inbox, sets up their easy handles, drives
/// every transfer with `curl_multi_perform`, completes the finished ones and sleeps in
/// `curl_multi_poll` until a socket is ready, a timer is due or the inbox wakes it.
///
/// All libcurl state except the multi handle's lifetime is owned here, so nothing in it needs a lock.
final class MultiLoop {
    private let driver: TransferDriver
    private let multi: UnsafeMutableRawPointer
    private var pool: EasyHandlePool
    private var active: [UInt64: Transfer] = [:]
    private var byHandle: [UnsafeMutableRawPointer: Transfer] = [:]

    init(driver: TransferDriver, poolCapacity: Int) {
        self.driver = driver
        self.multi = driver.multi.raw
        self.pool = EasyHandlePool(capacity: poolCapacity)
    }

    func run() {
        // With CURLOPT_NOSIGNAL libcurl leaves SIGPIPE alone; a write to a peer that hung up must
        // fail with EPIPE on this thread instead of killing the process.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
        while true {
            let work = driver.takeWork()
            if work.stopping {
                for job in work.jobs { job.fail(with: CurlError.shutDown) }
                break
            }
            for job in work.jobs { start(job) }
            for id in work.cancellations { cancel(id) }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            completeFinishedTransfers()
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for transfer in Array(active.values) {
            curl_multi_remove_handle(multi, transfer.easy.raw)
            transfer.fail(with: CurlError.shutDown)
            release(transfer)
        }
        pool.drain()
    }

    private func start(_ job: TransferJob) {
        guard let easy = pool.take() else {
            job.fail(with: CurlError(kind: .other, message: "curl_easy_init failed", operation: ""))
            driver.finished(job.id)
            return
        }
        let transfer: Transfer
        do {
            switch job.work {
            case .http(let request, let options, let continuation):
                let operation = HTTPTransferSetup.operation(for: request)
                easy.prepareForTransfer(operation: operation)
                transfer = Transfer(
                    id: job.id, easy: easy, operation: operation, completion: .http(continuation),
                    bodyLimit: request.maximumResponseBodySize)
                try HTTPTransferSetup.configure(easy, for: request, options: options, transfer: transfer)
            case .mail(let message, let server, let continuation):
                let operation = "send mail via \"\(server.smarthost)\""
                easy.prepareForTransfer(operation: operation)
                transfer = Transfer(
                    id: job.id, easy: easy, operation: operation, completion: .mail(continuation, server))
                try SMTPTransferSetup.configure(easy, for: message, server: server, transfer: transfer)
            }
        } catch {
            job.fail(with: error)
            pool.give(easy)
            driver.finished(job.id)
            return
        }
        let added = curl_multi_add_handle(multi, easy.raw)
        guard added == CURLM_OK else {
            let text = String(cString: curl_multi_strerror(added))
            transfer.fail(with: CurlError(kind: .other, message: text, operation: transfer.operation))
            pool.give(easy)
            driver.finished(job.id)
            return
        }
        active[job.id] = transfer
        byHandle[easy.raw] = transfer
    }

    private func cancel(_ id: UInt64) {
        guard let transfer = active[id] else { return }
        curl_multi_remove_handle(multi, transfer.easy.raw)
        transfer.fail(with: CancellationError())
        release(transfer)
    }

    private func completeFinishedTransfers() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE,
                let handle = message.pointee.easy_handle,
                let transfer = byHandle[handle]
            else { continue }
            let code = ccurl_message_result(message)
            curl_multi_remove_handle(multi, handle)
            transfer.finish(code: code)
            release(transfer)
        }
    }

    private func release(_ transfer: Transfer) {
        active[transfer.id] = nil
        byHandle[transfer.easy.raw] = nil
        pool.give(transfer.easy)
        driver.finished(transfer.id)
    }
}
