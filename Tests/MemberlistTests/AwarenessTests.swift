import Memberlist
import Testing

@Suite struct AwarenessTests {
    @Test func scoreIsClampedAndScalesTimeouts() {
        var awareness = Awareness()
        #expect(awareness.scale(.seconds(1)) == .seconds(1))
        awareness.apply(-3)
        #expect(awareness.score == 0)
        awareness.apply(3)
        #expect(awareness.scale(.milliseconds(500)) == .seconds(2))
        awareness.apply(100)
        #expect(awareness.score == 7)
        #expect(awareness.scale(.seconds(1)) == .seconds(8))
    }
}
