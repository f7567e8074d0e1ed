import Foundation
import Testing

@testable import HTTPAPI

@Suite struct APITimestampTests {
    @Test func formatsUTCWithTruncatedMilliseconds() {
        #expect(APITimestamp.format(Date(timeIntervalSince1970: 1_767_225_600.123_9)) == "2026-01-01T00:00:00.123Z")
        #expect(APITimestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        // Go's zero time, which an unset time prints as.
        #expect(APITimestamp.format(GettableAlert.goZeroTime) == "0001-01-01T00:00:00.000Z")
    }

    @Test func parsesRFC3339WithFractionsAndOffsets() throws {
        let utc = try #require(APITimestamp.parse("2026-01-01T00:00:00.5Z") ?? nil)
        #expect(utc.timeIntervalSince1970 == 1_767_225_600.5)
        let offset = try #require(APITimestamp.parse("2026-01-01T02:00:00+02:00") ?? nil)
        #expect(offset.timeIntervalSince1970 == 1_767_225_600)
        let nanos = try #require(APITimestamp.parse("2026-01-01T00:00:00.123456789Z") ?? nil)
        #expect(APITimestamp.format(nanos) == "2026-01-01T00:00:00.123Z")
    }

    @Test func goZeroTimeReadsAsUnsetAndGarbageAsInvalid() {
        #expect(APITimestamp.parse("0001-01-01T00:00:00Z").map { $0 == nil } == true)
        #expect(APITimestamp.parse("2026-01-01") == nil)
        #expect(APITimestamp.parse("2026-13-01T00:00:00Z") == nil)
        #expect(APITimestamp.parse("2026-01-01T00:00:00.Z") == nil)
        #expect(APITimestamp.parse("2026-02-30T00:00:00Z") == nil)
        #expect(APITimestamp.parse("2026-01-01t00:00:00Z") == nil, "Go's layouts want an upper-case T")
    }

    /// strfmt's other layouts: zone-less times read as UTC, minutes-only forms, a space instead of `T`,
    /// offsets without a colon when the fraction has three or six digits, and "" as the Unix epoch.
    @Test func readsEveryStrfmtLayout() throws {
        let expected = 1_767_225_600.0
        for text in [
            "2026-01-01T00:00:00", "2026-01-01T00:00Z", "2026-01-01T00:00", "2026-01-01 00:00:00", "2026-01-01T01:00:00.000+0100",
            "2026-01-01T01:00:00.000000+0100", "2026-01-01T01:00:00,0+01:00", "2026-01-01 00:00:00.000",
        ] {
            let date = try #require(APITimestamp.parse(text) ?? nil, "\(text)")
            #expect(date.timeIntervalSince1970 == expected, "\(text)")
        }
        #expect(APITimestamp.parse("2026-01-01T01:00:00+0100") == nil, "no colon needs a .000 or .000000 fraction")
        #expect(APITimestamp.parse("") == .some(Date(timeIntervalSince1970: 0)))
    }

    /// The error is Go's for strfmt's last layout, "2006-01-02 15:04:05", as Alertmanager reports it.
    @Test func failuresReadAsGosParseError() {
        func message(_ text: String) -> String {
            if case .failure(let error) = APITimestamp.parseDateTime(text) { return error.description }
            return "parsed"
        }
        #expect(message("x") == #"parsing time "x" as "2006-01-02 15:04:05": cannot parse "x" as "2006""#)
        #expect(message("2026-13-01T00:00:00Z") == #"parsing time "2026-13-01T00:00:00Z": month out of range"#)
        #expect(message("2026-11-25") == #"parsing time "2026-11-25" as "2006-01-02 15:04:05": cannot parse "" as "15""#)
        #expect(
            message("2026-11-25T10:00:00+0100")
                == #"parsing time "2026-11-25T10:00:00+0100" as "2006-01-02 15:04:05": cannot parse "T10:00:00+0100" as " ""#)
        #expect(message("2026-11-25 10:00:00x") == #"parsing time "2026-11-25 10:00:00x": extra text: "x""#)
        #expect(message("2026-02-30 10:00:00") == #"parsing time "2026-02-30 10:00:00": day out of range"#)
        #expect(message("2026-11-25 24:00:00") == #"parsing time "2026-11-25 24:00:00": hour out of range"#)
        #expect(message("é") == #"parsing time "\xc3\xa9" as "2006-01-02 15:04:05": cannot parse "\xc3\xa9" as "2006""#)
    }
}
