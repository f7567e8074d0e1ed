import Foundation
import Logging
import TocsinModel

/// One branch of Alertmanager's fan-out for one job: WaitStage, DedupStage, RetryStage, SetNotifiesStage
/// (notify/notify.go), for one integration.
///
/// A job fails unless the notification is both delivered and recorded in the nflog, so a job that is
/// acknowledged as done is never delivered again by a resend, and one that is not acknowledged is safe
/// to resend (the nflog then dedups whatever was recorded).
public struct IntegrationPipeline: Sendable {
    public let integration: any Integration
    let log: any NotificationLog
    let clock: any NotifyClock
    let metrics: NotifyMetrics
    let random: @Sendable () -> Double
    let logger: Logger

    /// A pipeline for `integration`. `random` draws the backoff jitter in 0..<1.
    public init(
        integration: any Integration,
        log: any NotificationLog,
        clock: any NotifyClock,
        metrics: NotifyMetrics,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        logger: Logger
    ) {
        self.integration = integration
        self.log = log
        self.clock = clock
        self.metrics = metrics
        self.random = random
        self.logger = logger
    }

    /// Runs the job through the stages. `wait` is the WaitStage's delay (peer position × peer timeout; 0
    /// on a single node).
    public func run(_ job: NotificationJob, wait: Duration = .zero) async throws(NotifyFailure) -> IntegrationOutcome {
        let name = "\(job.receiver)/\(self.integration.displayName)"
        let receiver = NotificationReceiver(
            groupName: job.receiver, integration: self.integration.name, idx: UInt32(self.integration.index))

        // WaitStage: the wait is cut short by the deadline, which fails the job as a cancelled context does.
        if wait > .zero {
            let left = job.deadline.timeIntervalSince(self.clock.now())
            do {
                try await self.clock.sleep(for: min(wait, .nanoseconds(Int64(max(left, 0) * 1e9))))
            } catch {
                throw NotifyFailure("\(name): \(error)")
            }
            if wait.seconds > left { throw NotifyFailure("\(name): context deadline exceeded") }
        }

        // DedupStage: firing and resolved as of now (the flush already zeroed the end of firing alerts).
        let now = self.clock.now()
        var firing: [UInt64] = []
        var resolved: [UInt64] = []
        for alert in job.alerts {
            if alert.isResolved(at: now) { resolved.append(alert.hash) } else { firing.append(alert.hash) }
        }
        let entry: NotificationLogEntry?
        do {
            entry = try await self.log.entry(groupKey: job.groupKey, receiver: receiver)
        } catch {
            throw NotifyFailure("\(name): error while querying log: \(error)")
        }
        let needed = DedupDecision.needsUpdate(
            entry: entry, firing: Set(firing), resolved: Set(resolved),
            sendResolved: self.integration.sendResolved, repeatInterval: job.repeatInterval, now: now
        )
        guard needed else { return .deduplicated }

        // RetryStage.
        self.metrics.countNotification(integration: self.integration.name)
        let outcome: IntegrationOutcome
        do {
            outcome = try await self.deliver(job, name: name, at: now)
        } catch {
            self.metrics.countFailedNotification(integration: self.integration.name)
            throw error
        }

        // SetNotifiesStage: entries live 2 × repeat_interval.
        do {
            try await self.log.record(
                groupKey: job.groupKey, receiver: receiver, firing: firing, resolved: resolved, expiry: job.repeatInterval * 2)
        } catch {
            throw NotifyFailure("\(name): error while logging the notification: \(error)")
        }
        return outcome
    }

    /// The retry loop: the first attempt at once, then backoff waits until success, an unrecoverable
    /// error, or the deadline.
    private func deliver(_ job: NotificationJob, name: String, at now: Date) async throws(NotifyFailure) -> IntegrationOutcome {
        // Without send_resolved only firing alerts go out, and none at all when none fire (RetryStage).
        let sent = self.integration.sendResolved ? job.alerts : job.alerts.filter { !$0.isResolved(at: now) }
        if sent.isEmpty { return .nothingToSend }

        var backoff = RetryBackoff()
        var attempts = 0
        var lastError: IntegrationError?
        while true {
            attempts += 1
            if self.clock.now() >= job.deadline {
                throw NotifyFailure(
                    "\(name): notify retry canceled after \(attempts) attempts: \(lastError?.message ?? "context deadline exceeded")")
            }
            let started = ContinuousClock.now
            do {
                try await self.integration.notify(sent, of: job, deadline: job.deadline)
                self.metrics.observeRequest(
                    integration: self.integration.name, seconds: (ContinuousClock.now - started).seconds, failed: false)
                if attempts > 1 { self.logger.info("Notify success", metadata: ["integration": "\(name)", "attempts": "\(attempts)"]) }
                return .notified(attempts: attempts)
            } catch {
                self.metrics.observeRequest(
                    integration: self.integration.name, seconds: (ContinuousClock.now - started).seconds, failed: true)
                guard error.isRetryable else {
                    throw NotifyFailure(
                        "\(name): notify retry canceled due to unrecoverable error after \(attempts) attempts: \(error.message)")
                }
                if lastError?.message != error.message {
                    self.logger.warning(
                        "Notify attempt failed, will retry later",
                        metadata: ["integration": "\(name)", "attempts": "\(attempts)", "err": "\(error.message)"])
                }
                lastError = error
            }
            // A server's Retry-After is honoured (an improvement on 0.25), never past the deadline.
            var wait = backoff.nextWait(random: self.random())
            if let asked = lastError?.retryAfter, asked > wait { wait = asked }
            let left = job.deadline.timeIntervalSince(self.clock.now())
            if left <= 0 { continue }
            do {
                try await self.clock.sleep(for: min(wait, .nanoseconds(Int64(left * 1e9))))
            } catch {
                throw NotifyFailure("\(name): notify retry canceled after \(attempts) attempts: \(lastError?.message ?? "\(error)")")
            }
        }
    }
}
