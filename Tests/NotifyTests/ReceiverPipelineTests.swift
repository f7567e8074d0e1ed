import Foundation
import Logging
import Notify
import Testing

/// The fan-out: all integrations run, and the job succeeds only if each does.
@Suite struct ReceiverPipelineTests {
    @Test func oneFailingIntegrationFailsTheJobButTheOthersStillDeliver() async {
        let clock = ManualClock()
        let log = FakeNotificationLog(clock: clock)
        let good = FakeIntegration(name: "webhook", index: 0)
        let bad = FakeIntegration(name: "webhook", index: 1, script: [IntegrationError("unexpected status code 404", isRetryable: false)])
        let mail = FakeIntegration(name: "email", index: 0)
        let pipelines = [good, bad, mail].map {
            IntegrationPipeline(
                integration: $0, log: log, clock: clock, metrics: NotifyMetrics(), random: { 0.5 }, logger: Logger(label: "t"))
        }
        let fanout = ReceiverPipeline(receiver: "team", integrations: pipelines)
        await #expect(
            throws: NotifyFailure(
                "team/webhook[1]: notify retry canceled due to unrecoverable error after 1 attempts: unexpected status code 404")
        ) {
            try await fanout.run(job([firing("A")], now: clock.now()))
        }
        #expect(good.sent.count == 1 && mail.sent.count == 1)
        #expect(Set(log.records.map { "\($0.receiver.integration)[\($0.receiver.idx)]" }) == ["webhook[0]", "email[0]"])
    }

    @Test func allSucceedingIntegrationsSucceed() async throws {
        let clock = ManualClock()
        let log = FakeNotificationLog(clock: clock)
        let pipelines = [FakeIntegration(index: 0), FakeIntegration(index: 1)].map {
            IntegrationPipeline(integration: $0, log: log, clock: clock, metrics: NotifyMetrics(), logger: Logger(label: "t"))
        }
        let outcomes = try await ReceiverPipeline(receiver: "team", integrations: pipelines).run(job([firing("A")], now: clock.now()))
        #expect(outcomes == [.notified(attempts: 1), .notified(attempts: 1)])
    }
}
