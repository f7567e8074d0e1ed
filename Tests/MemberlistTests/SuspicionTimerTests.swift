import Memberlist
import Testing

@Suite struct SuspicionTimerTests {
    @Test func minimumFollowsMemberlistsFormula() {
        #expect(SuspicionTimer.minimumTimeout(multiplier: 4, nodes: 1, probeInterval: .seconds(1)) == .seconds(4))
        #expect(SuspicionTimer.minimumTimeout(multiplier: 4, nodes: 9, probeInterval: .seconds(1)) == .seconds(4))
        #expect(SuspicionTimer.minimumTimeout(multiplier: 4, nodes: 100, probeInterval: .seconds(1)) == .seconds(8))
        // log10(20) = 1.30103 -> truncated to 1301 thousandths.
        #expect(SuspicionTimer.minimumTimeout(multiplier: 4, nodes: 20, probeInterval: .seconds(1)) == .milliseconds(5204))
    }

    @Test func confirmationsShortenTheTimeoutLogarithmically() {
        var timer = SuspicionTimer(from: "a", k: 2, minimum: .seconds(4), maximum: .seconds(24))
        #expect(timer.timeout == .seconds(24))
        let confirmedA = timer.confirm(from: "a")
        #expect(!confirmedA, "the originator already counts")
        let confirmedB = timer.confirm(from: "b")
        #expect(confirmedB)
        let confirmedBAgain = timer.confirm(from: "b")
        #expect(!confirmedBAgain, "each peer counts once")
        // 24 - log(2)/log(3) × 20 = 11.381...
        #expect(timer.timeout == .milliseconds(11381))
        let confirmedC = timer.confirm(from: "c")
        #expect(confirmedC)
        #expect(timer.timeout == .seconds(4))
        let confirmedD = timer.confirm(from: "d")
        #expect(!confirmedD, "k reached")
        #expect(SuspicionTimer(from: "a", k: 0, minimum: .seconds(4), maximum: .seconds(24)).timeout == .seconds(4))
    }
}
