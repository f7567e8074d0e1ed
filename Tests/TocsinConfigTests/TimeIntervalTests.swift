import Foundation
import Testing
@testable import TocsinConfig

@Suite struct TimeIntervalTests {
    /// Loads a config whose only time interval is `body` and returns it.
    func interval(_ body: String) throws -> NamedTimeInterval {
        let text = "route:\n  receiver: r\nreceivers:\n- name: r\ntime_intervals:\n- name: t\n  time_intervals:\n  - " + body
        return try #require(AlertmanagerConfig.load(text).timeIntervals.first)
    }

    func date(_ text: String) -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)!
    }

    @Test func businessHoursInUTC() throws {
        let biz = try interval("times: [{start_time: '09:00', end_time: '17:00'}]\n    weekdays: ['monday:friday']\n")
        #expect(biz.contains(date("2024-05-06T09:00:00Z")))  // Monday
        #expect(!biz.contains(date("2024-05-06T17:00:00Z")))  // end is exclusive
        #expect(biz.contains(date("2024-05-06T16:59:59Z")))
        #expect(!biz.contains(date("2024-05-05T12:00:00Z")))  // Sunday
    }

    @Test func endOfDayIs2400() throws {
        let late = try interval("times: [{start_time: '23:00', end_time: '24:00'}]\n")
        #expect(late.contains(date("2024-05-06T23:59:00Z")))
        #expect(!late.contains(date("2024-05-07T00:00:00Z")))
    }

    @Test func lastDayOfFebruaryInLeapYear() throws {
        let last = try interval("days_of_month: ['-1']\n")
        #expect(last.contains(date("2024-02-29T10:00:00Z")))
        #expect(!last.contains(date("2024-02-28T10:00:00Z")))
        #expect(last.contains(date("2023-02-28T10:00:00Z")))
        #expect(last.contains(date("2024-04-30T10:00:00Z")))
        #expect(!last.contains(date("2024-03-30T10:00:00Z")))
    }

    @Test func negativeRangeAtMonthEnd() throws {
        let lastThree = try interval("days_of_month: ['-3:-1']\n")
        #expect(lastThree.contains(date("2024-02-27T00:00:00Z")))
        #expect(!lastThree.contains(date("2024-02-26T23:59:00Z")))
        #expect(lastThree.contains(date("2024-01-29T00:00:00Z")))
    }

    @Test func dayBeyondShortMonthIsSkipped() throws {
        let thirtyFirst = try interval("days_of_month: ['31']\n")
        #expect(!thirtyFirst.contains(date("2024-04-30T12:00:00Z")))
        #expect(thirtyFirst.contains(date("2024-05-31T12:00:00Z")))
    }

    @Test func springForwardInBerlin() throws {
        // 2025-03-30: clocks jump from 02:00 to 03:00 local time.
        let early = try interval("times: [{start_time: '01:00', end_time: '02:00'}]\n    location: Europe/Berlin\n")
        #expect(early.contains(date("2025-03-30T00:30:00Z")))  // 01:30 CET
        #expect(!early.contains(date("2025-03-30T01:30:00Z")))  // 03:30 CEST
        let skipped = try interval("times: [{start_time: '02:00', end_time: '03:00'}]\n    location: Europe/Berlin\n")
        let startOfDay = date("2025-03-29T23:00:00Z")
        let anyMatch = (0..<(24 * 60)).contains { skipped.contains(startOfDay.addingTimeInterval(Double($0) * 60)) }
        #expect(!anyMatch)  // 02:xx never happens that day
        #expect(skipped.contains(date("2025-03-31T00:30:00Z")))  // 02:30 CEST the next day
    }

    @Test func lastDayOfMarchAcrossDST() throws {
        // The month of a DST change still has 31 calendar days in Berlin.
        let last = try interval("days_of_month: ['-1']\n    location: Europe/Berlin\n")
        #expect(last.contains(date("2025-03-31T10:00:00Z")))
        #expect(!last.contains(date("2025-03-30T10:00:00Z")))
    }

    @Test func zoneShiftsTheDay() throws {
        let monday = try interval("weekdays: [monday]\n    location: America/New_York\n")
        #expect(!monday.contains(date("2024-05-06T02:00:00Z")))  // still Sunday 22:00 in New York
        #expect(monday.contains(date("2024-05-06T05:00:00Z")))
    }

    @Test func monthsAndYears() throws {
        let winter = try interval("months: ['december', 'january:february']\n    years: ['2024:2025']\n")
        #expect(winter.contains(date("2024-12-15T00:00:00Z")))
        #expect(winter.contains(date("2025-02-15T00:00:00Z")))
        #expect(!winter.contains(date("2026-01-15T00:00:00Z")))
        #expect(!winter.contains(date("2024-03-01T00:00:00Z")))
    }

    @Test func emptyListMatchesNothingAbsentMatchesAll() throws {
        let none = try interval("weekdays: []\n")
        #expect(!none.contains(date("2024-05-06T00:00:00Z")))
        let all = try interval("weekdays:\n")
        #expect(all.contains(date("2024-05-06T00:00:00Z")))
    }

    @Test(arguments: [
        ("times: [{start_time: '25:00', end_time: '26:00'}]", "couldn't parse timestamp 25:00, invalid format"),
        ("times: [{start_time: '10:00', end_time: '10:00'}]", "start time cannot be equal or greater than end time"),
        ("times: [{end_time: '10:00'}]", "both start and end times must be provided"),
        ("weekdays: ['friday:monday']", "start day cannot be before end day"),
        ("weekdays: [Caturday]", "caturday is not a valid weekday"),
        ("days_of_month: ['32']", "32 is not a valid day of the month: out of range"),
        ("days_of_month: ['-2:3']", "end day must be negative if start day is negative"),
        ("days_of_month: ['20:-10']", "end day -10 is always before start day 20"),
        ("months: ['march:january']", "end month january is before start month march"),
        ("months: [13x]", "13x is not a valid month"),
        ("years: ['2025:2024']", "end year 2024 is before start year 2025"),
        ("years: ['1:2:3']", "couldn't parse range 1:2:3, invalid format"),
        ("location: Mars/Base", "unknown time zone Mars/Base"),
    ])
    func parseErrors(_ body: String, _ message: String) {
        #expect(throws: ConfigError(message)) { try interval(body + "\n") }
    }
}
