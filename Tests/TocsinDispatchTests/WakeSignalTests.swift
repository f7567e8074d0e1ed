import Testing
import WakeSignal

/// The dispatcher's and the gossip agent's timer loops sleep on a `WakeSignal`. A wait that ends at its
/// deadline must leave the next wait sleeping: with an `AsyncStream` in its place, the first timeout finished
/// the stream and every later wait returned at once, and the dispatcher spun on a whole core.
@Suite struct WakeSignalTests {
    @Test func aWaitThatTimedOutLeavesTheNextOneSleeping() async {
        let signal = WakeSignal()
        for _ in 0..<3 {
            let started = ContinuousClock.now
            await signal.wait(until: ContinuousClock.now + .milliseconds(100))
            #expect(ContinuousClock.now - started >= .milliseconds(90), "a wait returned before its deadline without a signal")
        }
    }

    @Test func aSignalWakesTheWaiterAndOneGivenBeforeAWaitIsKept() async {
        let signal = WakeSignal()
        signal.signal()
        let started = ContinuousClock.now
        await signal.wait(until: ContinuousClock.now + .seconds(120))
        #expect(ContinuousClock.now - started < .seconds(50), "a signal given before the wait was lost")

        Task {
            try? await Task.sleep(for: .milliseconds(50))
            signal.signal()
        }
        let parked = ContinuousClock.now
        await signal.wait(until: ContinuousClock.now + .seconds(120))
        #expect(ContinuousClock.now - parked < .seconds(50), "a signal did not wake the waiter")

        // Signals do not pile up: two before a wait wake it once.
        signal.signal()
        signal.signal()
        await signal.wait(until: ContinuousClock.now + .seconds(120))
        let again = ContinuousClock.now
        await signal.wait(until: ContinuousClock.now + .milliseconds(100))
        #expect(ContinuousClock.now - again >= .milliseconds(90))
    }
}
