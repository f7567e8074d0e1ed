import Testing
@testable import TocsinConfig

@Suite struct PrometheusDurationTests {
    static let parsed: [(String, Int64)] = [
        ("0", 0), ("30s", 30_000), ("5m", 300_000), ("1h30m", 5_400_000), ("1d", 86_400_000),
        ("1w", 604_800_000), ("1y", 31_536_000_000), ("100ms", 100), ("1m5ms", 60_005), ("0s", 0),
    ]

    @Test(arguments: parsed)
    func parses(_ text: String, _ milliseconds: Int64) throws {
        #expect(try PrometheusDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(arguments: ["5x", "1.5m", "5s1m", "1h1h", "-1m", "1us", "m", " 1m", "1M"])
    func rejects(_ text: String) {
        #expect(throws: ConfigError("not a valid duration string: \"\(text)\"")) { try PrometheusDuration(parsing: text) }
    }

    @Test func emptyAndOverflow() {
        #expect(throws: ConfigError("empty duration string")) { try PrometheusDuration(parsing: "") }
        #expect(throws: ConfigError("duration out of range")) { try PrometheusDuration(parsing: "1000y") }
        #expect(throws: ConfigError("duration out of range")) { try PrometheusDuration(parsing: "99999999999999999999s") }
    }

    static let printed: [(Int64, String)] = [
        (0, "0s"), (5_400_000, "1h30m"), (7_776_000_000, "90d"), (1_209_600_000, "2w"),
        (31_536_000_000, "1y"), (31_622_400_000, "366d"), (1_500, "1s500ms"),
    ]

    @Test(arguments: printed)
    func prints(_ milliseconds: Int64, _ text: String) {
        #expect(PrometheusDuration(milliseconds: milliseconds).description == text)
    }
}

@Suite struct GoDurationTests {
    @Test func parsesAndPrintsLikeGo() throws {
        #expect(try GoDuration(parsing: "1m").description == "1m0s")
        #expect(try GoDuration(parsing: "2h30m").description == "2h30m0s")
        #expect(try GoDuration(parsing: "1.5s").description == "1.5s")
        #expect(try GoDuration(parsing: "300ms").description == "300ms")
        #expect(try GoDuration(parsing: "0").description == "0s")
        #expect(try GoDuration(parsing: "90s").nanoseconds == 90_000_000_000)
    }

    @Test func errorsLikeGo() {
        #expect(throws: ConfigError(#"time: unknown unit "x" in duration "5x""#)) { try GoDuration(parsing: "5x") }
        #expect(throws: ConfigError(#"time: missing unit in duration "5""#)) { try GoDuration(parsing: "5") }
        #expect(throws: ConfigError(#"time: invalid duration "abc""#)) { try GoDuration(parsing: "abc") }
    }
}
