import Testing
import TocsinWire

@Suite struct BackoffTests {
    @Test func growsUpToTheMaximumAndResets() {
        var backoff = Backoff(initial: .milliseconds(100), maximum: .milliseconds(500), multiplier: 2)
        #expect((0..<5).map { _ in backoff.next() } == [.milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(500), .milliseconds(500)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(100))
    }

    @Test func jitterStaysWithinItsBand() {
        var backoff = Backoff(initial: .seconds(1), maximum: .seconds(1), multiplier: 1, jitter: 0.2)
        for _ in 0..<200 {
            let delay = backoff.next()
            #expect(delay >= .milliseconds(800) && delay <= .milliseconds(1200))
        }
    }
}
