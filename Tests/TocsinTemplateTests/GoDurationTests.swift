import Testing
import TocsinTemplate

@Suite("GoDuration prints like Go's time.Duration")
struct GoDurationTests {
    @Test(
        "String()",
        arguments: [
            (Int64(0), "0s"), (1, "1ns"), (1500, "1.5µs"), (1_000_000, "1ms"), (1_500_000_000, "1.5s"),
            (60_000_000_000, "1m0s"), (3_723_500_000_000, "1h2m3.5s"), (-90_000_000_000, "-1m30s"),
            (Int64.max, "2562047h47m16.854775807s"), (Int64.min, "-2562047h47m16.854775808s"),
        ])
    func description(_ nanos: Int64, _ expected: String) {
        #expect(GoDuration(nanos).description == expected)
    }

    @Test("Round and Truncate follow Go")
    func rounding() {
        let d = GoDuration(1_500_000_000)
        #expect(d.rounded(to: 1_000_000_000).description == "2s")
        #expect(d.truncated(to: 1_000_000_000).description == "1s")
        #expect(GoDuration(-1_500_000_000).rounded(to: 1_000_000_000).description == "-2s")
    }
}
