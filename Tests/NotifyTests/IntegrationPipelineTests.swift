import Foundation
import Logging
import Notify
import Testing
import TocsinModel

/// The stages of one integration with a fake integration, a fake nflog and a manual clock.
@Suite struct IntegrationPipelineTests {
    let clock = ManualClock()
    let metrics = NotifyMetrics()

    func pipeline(_ integration: FakeIntegration, log: FakeNotificationLog) -> IntegrationPipeline {
        IntegrationPipeline(
            integration: integration, log: log, clock: self.clock, metrics: self.metrics, random: { 0.5 },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test func sendsOnceRecordsTheNflogThenDeduplicates() async throws {
        let integration = FakeIntegration()
        let log = FakeNotificationLog(clock: self.clock)
        let pipeline = self.pipeline(integration, log: log)
        let work = job([firing("A")], now: self.clock.now())
        #expect(try await pipeline.run(work) == .notified(attempts: 1))
        #expect(log.records.count == 1)
        #expect(log.records.first?.firing == [firing("A").hash])
        #expect(log.records.first?.expiry == .seconds(8 * 3600))
        #expect(log.records.first?.receiver == NotificationReceiver(groupName: "team", integration: "webhook", idx: 0))
        #expect(try await pipeline.run(work) == .deduplicated)
        #expect(integration.sent.count == 1)
        self.clock.advance(by: 4 * 3600 + 1)
        #expect(try await pipeline.run(job([firing("A")], now: self.clock.now())) == .notified(attempts: 1))
        #expect(integration.sent.count == 2)
    }

    @Test func retriesRetryableErrorsWithBackoff() async throws {
        let failure = IntegrationError("unexpected status code 500", isRetryable: true)
        let integration = FakeIntegration(script: [failure, failure, failure])
        let log = FakeNotificationLog(clock: self.clock)
        #expect(try await self.pipeline(integration, log: log).run(job([firing("A")], now: self.clock.now())) == .notified(attempts: 4))
        #expect(self.clock.sleeps == [.milliseconds(500), .milliseconds(750), .milliseconds(1125)])
        #expect(self.metrics.counts(integration: "webhook") == (1, 0, 4, 3))
        #expect(log.records.count == 1)
    }

    @Test func aNonRetryableErrorFailsAtOnceAndRecordsNothing() async {
        let integration = FakeIntegration(script: [IntegrationError("unexpected status code 400: http://x: bad", isRetryable: false)])
        let log = FakeNotificationLog(clock: self.clock)
        await #expect(
            throws: NotifyFailure(
                "team/webhook[0]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 400: http://x: bad"
            )
        ) {
            try await self.pipeline(integration, log: log).run(job([firing("A")], now: self.clock.now()))
        }
        #expect(integration.sent.count == 1)
        #expect(log.records.isEmpty)
        #expect(self.metrics.counts(integration: "webhook").failed == 1)
    }

    @Test func retriesStopAtTheDeadlineWithTheLastError() async {
        let failure = IntegrationError("connection refused", isRetryable: true)
        let integration = FakeIntegration(script: Array(repeating: failure, count: 1000))
        let log = FakeNotificationLog(clock: self.clock)
        let start = self.clock.now()
        await #expect(throws: NotifyFailure.self) {
            try await self.pipeline(integration, log: log).run(job([firing("A")], now: start, deadline: 10))
        }
        #expect(self.clock.now() == start.addingTimeInterval(10))
        #expect(integration.sent.count > 3)
        #expect(log.records.isEmpty)
    }

    @Test func retryAfterIsHonouredButNotPastTheDeadline() async throws {
        let throttled = IntegrationError("unexpected status code 429", isRetryable: true, retryAfter: .seconds(7))
        let integration = FakeIntegration(script: [throttled])
        let log = FakeNotificationLog(clock: self.clock)
        #expect(try await self.pipeline(integration, log: log).run(job([firing("A")], now: self.clock.now())) == .notified(attempts: 2))
        #expect(self.clock.sleeps == [.seconds(7)])
    }

    @Test func withoutSendResolvedOnlyFiringAlertsAreSentAndAllResolvedSendsNothing() async throws {
        let integration = FakeIntegration(sendResolved: false)
        let log = FakeNotificationLog(clock: self.clock)
        let pipeline = self.pipeline(integration, log: log)
        let now = self.clock.now()
        #expect(try await pipeline.run(job([firing("A"), firing("B")], now: now)) == .notified(attempts: 1))
        let mixed = [firing("A"), resolved("B", at: now.addingTimeInterval(-1))]
        self.clock.advance(by: 4 * 3600 + 1)
        #expect(try await pipeline.run(job(mixed, now: self.clock.now())) == .notified(attempts: 1))
        #expect(integration.sent.last?.map(\.labels) == [firing("A").labels])
        let allResolved = [resolved("A", at: now), resolved("B", at: now)]
        #expect(try await pipeline.run(job(allResolved, now: self.clock.now())) == .nothingToSend)
        #expect(integration.sent.count == 2)
        #expect(log.records.last?.firing == [])
        #expect(log.records.last?.resolved.count == 2)
    }

    @Test func theWaitStageDelaysAndTheDeadlineCutsIt() async throws {
        let integration = FakeIntegration()
        let log = FakeNotificationLog(clock: self.clock)
        #expect(
            try await self.pipeline(integration, log: log).run(job([firing("A")], now: self.clock.now()), wait: .seconds(15))
                == .notified(attempts: 1))
        #expect(self.clock.sleeps == [.seconds(15)])
        await #expect(throws: NotifyFailure("team/webhook[0]: context deadline exceeded")) {
            try await self.pipeline(integration, log: log).run(job([firing("B")], now: self.clock.now(), deadline: 5), wait: .seconds(15))
        }
    }

    @Test func aFailureToRecordFailsTheJob() async {
        let log = FakeNotificationLog(clock: self.clock)
        log.failRecording()
        await #expect(throws: NotifyFailure("team/webhook[0]: error while logging the notification: state store unavailable")) {
            try await self.pipeline(FakeIntegration(), log: log).run(job([firing("A")], now: self.clock.now()))
        }
    }
}
