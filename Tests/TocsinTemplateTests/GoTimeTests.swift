import Testing
import TocsinTemplate

@Suite("GoTime prints and formats like Go's time.Time")
struct GoTimeTests {
    @Test("RFC 3339 parsing keeps nanoseconds and the offset")
    func parsing() throws {
        let t = try #require(GoTime(rfc3339: "2023-03-04T05:06:07.123456789+02:00"))
        #expect(t.nanoseconds == 123_456_789)
        #expect(t.offset == 7200)
        #expect(t.zoneName == "")
        #expect(t.stringerDescription == "2023-03-04 05:06:07.123456789 +0200 +0200")
        #expect(GoTime(rfc3339: "2023-03-04 05:06:07Z") == nil)
        #expect(GoTime(rfc3339: "2023-03-04T05:06:07") == nil)
    }

    @Test("the zero time is Go's year 1 and reports IsZero")
    func zeroTime() {
        #expect(GoTime.zero.isZero)
        #expect(GoTime.zero.stringerDescription == "0001-01-01 00:00:00 +0000 UTC")
        #expect(GoTime(rfc3339: "0001-01-01T00:00:00Z") == GoTime.zero)
    }

    @Test(
        "layouts",
        arguments: [
            ("2006-01-02T15:04:05.000Z07:00", "2024-02-29T13:14:15.007Z"),
            ("Jan _2 3:04PM", "Feb 29 1:14PM"),
            ("Monday, 02-Jan-06 15:04:05 MST", "Thursday, 29-Feb-24 13:14:15 UTC"),
            ("20060102150405", "20240229131415"),
            ("Janx Monx", "Janx Monx"),
        ])
    func layouts(_ layout: String, _ expected: String) throws {
        let t = try #require(GoTime(rfc3339: "2024-02-29T13:14:15.007Z"))
        #expect(t.format(layout) == expected)
    }

    @Test("Sub and Add are inverse")
    func arithmetic() throws {
        let a = try #require(GoTime(rfc3339: "2024-01-01T00:00:00Z"))
        let b = a.adding(nanoseconds: -1_500_000_001)
        #expect(a.sub(b) == 1_500_000_001)
        #expect(b.format("15:04:05.999999999") == "23:59:58.499999999")
    }
}
