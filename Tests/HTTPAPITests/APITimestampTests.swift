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
        #expect(APITimestamp.parse("2026-01-01T00:00:00") == nil)
        #expect(APITimestamp.parse("2026-01-01T00:00:00.Z") == nil)
    }
}
