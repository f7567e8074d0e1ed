import Testing
import TocsinDaemon

@Suite struct PrometheusExpositionTests {
    /// Values seen on Alertmanager 0.25's /metrics, written by Go's strconv 'g' with the shortest precision.
    @Test(arguments: [
        (0.0, "0"), (1, "1"), (2, "2"), (0.005, "0.005"), (0.25, "0.25"), (2.5, "2.5"), (10, "10"),
        (123_456, "123456"), (1_000_000, "1e+06"), (1_795_570_114.1727712, "1.7955701141727712e+09"),
        (66_547_401_729_705, "6.6547401729705e+13"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-3.5, "-3.5"),
        (Double.infinity, "+Inf"),
    ])
    func floatsAreFormattedLikeGo(value: Double, expected: String) {
        #expect(PrometheusExposition.format(value) == expected)
    }

    @Test func familiesCarryHelpTypeAndSortedLabels() {
        var out = PrometheusExposition()
        out.gauge("x_info", help: "Info.", [([("version", "1"), ("branch", "b\"q")], 1)])
        out.histogram("x_seconds", help: "Durations.", upperBounds: [0.1, 1], cumulativeCounts: [1, 3], sum: 1.5, count: 4)
        #expect(out.text == """
            # HELP x_info Info.
            # TYPE x_info gauge
            x_info{branch="b\\"q",version="1"} 1
            # HELP x_seconds Durations.
            # TYPE x_seconds histogram
            x_seconds_bucket{le="0.1"} 1
            x_seconds_bucket{le="1"} 3
            x_seconds_bucket{le="+Inf"} 4
            x_seconds_sum 1.5
            x_seconds_count 4

            """)
    }
}
