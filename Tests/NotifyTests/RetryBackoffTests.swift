import Notify
import Testing

/// cenkalti/backoff's ExponentialBackOff as Alertmanager's RetryStage configures it.
@Suite struct RetryBackoffTests {
    @Test func unjitteredWaitsGrowByHalfAndStopAtSixtySeconds() {
        var backoff = RetryBackoff()
        let waits = (0..<14).map { _ in backoff.nextWait(random: 0.5) }
        #expect(waits.prefix(4) == [.milliseconds(500), .milliseconds(750), .milliseconds(1125), .microseconds(1_687_500)])
        #expect(waits.last == .seconds(60))
        #expect(waits.allSatisfy { $0 <= .seconds(60) })
    }

    @Test func jitterSpansHalfToOneAndAHalfTimesTheInterval() {
        var low = RetryBackoff()
        var high = RetryBackoff()
        #expect(low.nextWait(random: 0) == .milliseconds(250))
        #expect(high.nextWait(random: 0.999_999) < .milliseconds(750))
        #expect(high.nextWait(random: 0.999_999) > .milliseconds(1124))
    }
}
