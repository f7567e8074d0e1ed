import TocsinModel
import Foundation
import Yams

/// One element of a named time interval: times of day, weekdays, days of the month, months and years
/// in a time zone (Alertmanager's `timeinterval.TimeInterval`).
///
/// Inside an element every given field must match (AND); inside a field any range may match (OR); an
/// absent field matches everything. Ranges are inclusive except times of day, which are [start, end).
public struct TimeInterval: Sendable, Hashable {
    /// A [start, end) range of minutes since midnight; the end may be 24:00 (1440).
    public struct TimeRange: Sendable, Hashable {
        public var startMinute: Int
        public var endMinute: Int
    }

    /// An inclusive range of integers (weekday 0 = Sunday, day of month, month, year).
    public struct InclusiveRange: Sendable, Hashable {
        public var begin: Int
        public var end: Int
    }

    public var times: [TimeRange]?
    public var weekdays: [InclusiveRange]?
    /// Days of the month; negative days count back from the month's last day (-1).
    public var daysOfMonth: [InclusiveRange]?
    public var months: [InclusiveRange]?
    public var years: [InclusiveRange]?
    /// The IANA zone name the fields are read in; nil means UTC.
    public var location: String?
    // Built once at load time: creating a Calendar per evaluation would dominate `contains`.
    private var calendar = TimeInterval.calendar(in: TimeZone(identifier: "UTC")!)

    /// An interval that matches every instant.
    public init() {}

    static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december"]

    private static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Whether the instant falls inside this element (`ContainsTime`).
    public func contains(_ date: Date) -> Bool {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day, let hour = parts.hour,
            let minute = parts.minute, let weekday = parts.weekday
        else { return false }
        if let times {
            let minuteOfDay = hour * 60 + minute
            if !times.contains(where: { minuteOfDay >= $0.startMinute && minuteOfDay < $0.endMinute }) { return false }
        }
        if let daysOfMonth {
            // Calendar days of the month. Alertmanager 0.25 derived this from elapsed hours, which came out one
            // short in months with a DST change; upstream fixed that (#5447) and we follow the fix.
            let length = calendar.range(of: .day, in: .month, for: date)?.count ?? 31
            let matched = daysOfMonth.contains { range in
                let begin = range.begin < 0 ? length + range.begin + 1 : range.begin
                let end = range.end < 0 ? length + range.end + 1 : range.end
                if begin > length { return false }
                let low = min(max(begin, -length), length)
                let high = min(max(end, -length), length)
                return day >= low && day <= high
            }
            if !matched { return false }
        }
        if let months, !months.contains(where: { month >= $0.begin && month <= $0.end }) { return false }
        if let weekdays, !weekdays.contains(where: { weekday - 1 >= $0.begin && weekday - 1 <= $0.end }) { return false }
        if let years, !years.contains(where: { year >= $0.begin && year <= $0.end }) { return false }
        return true
    }

    static func decode(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> TimeInterval {
        var interval = TimeInterval()
        try d.fields(node, "timeinterval.TimeInterval") { (key, value) throws(ConfigError) in
            // A null field is absent (matches everything); an empty list `[]` matches nothing, as in Go.
            if StrictDecoder.isNull(value), key != "location" {
                switch key {
                case "times": interval.times = nil
                case "weekdays": interval.weekdays = nil
                case "days_of_month": interval.daysOfMonth = nil
                case "months": interval.months = nil
                case "years": interval.years = nil
                default: return false
                }
                return true
            }
            switch key {
            case "times":
                interval.times = try d.list(value, "[]timeinterval.TimeRange") { (item) throws(ConfigError) in try decodeTimeRange(item, d) }
            case "weekdays":
                interval.weekdays = try d.list(value, "[]timeinterval.WeekdayRange") { (item) throws(ConfigError) in
                    try rangeElement(item, d, parseWeekdays)
                }
            case "days_of_month":
                interval.daysOfMonth = try d.list(value, "[]timeinterval.DayOfMonthRange") { (item) throws(ConfigError) in
                    try rangeElement(item, d, parseDaysOfMonth)
                }
            case "months":
                interval.months = try d.list(value, "[]timeinterval.MonthRange") { (item) throws(ConfigError) in
                    try rangeElement(item, d, parseMonths)
                }
            case "years":
                interval.years = try d.list(value, "[]timeinterval.YearRange") { (item) throws(ConfigError) in
                    try rangeElement(item, d, parseYears)
                }
            case "location":
                guard let text = d.customText(value) else { break }
                guard let name = text else {
                    interval.location = nil
                    interval.calendar = calendar(in: TimeZone(identifier: "UTC")!)
                    break
                }
                interval.calendar = calendar(in: try zone(named: name))
                interval.location = name.isEmpty ? "UTC" : name
            default: return false
            }
            return true
        }
        return interval
    }

    /// Go's `time.LoadLocation`: "" and "UTC" are UTC, "Local" is the machine's zone, anything else an
    /// IANA name (`unknown time zone Mars/Base`).
    static func zone(named name: String) throws(ConfigError) -> TimeZone {
        if name.isEmpty || name == "UTC" { return TimeZone(identifier: "UTC")! }
        if name == "Local" { return TimeZone.current }
        if name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("..") {
            throw ConfigError("time: invalid location name")
        }
        guard TimeZone.knownTimeZoneIdentifiers.contains(name) || name == "GMT",
            let zone = TimeZone(identifier: name)
        else {
            throw ConfigError("unknown time zone \(name)")
        }
        return zone
    }

    // A null element is the zero range (0:0), which yaml.v2 appends without calling the unmarshaler.
    private static func rangeElement(_ node: Node, _ d: StrictDecoder, _ parse: (String) throws(ConfigError) -> InclusiveRange) throws(ConfigError) -> InclusiveRange? {
        guard let text = d.customText(node) else { return nil }
        guard let text else { return InclusiveRange(begin: 0, end: 0) }
        return try parse(text)
    }

    private static func decodeTimeRange(_ node: Node, _ d: StrictDecoder) throws(ConfigError) -> TimeRange? {
        if StrictDecoder.isNull(node) { return TimeRange(startMinute: 0, endMinute: 0) }
        var start = ""
        var end = ""
        let clean = try d.decodeObject { () throws(ConfigError) in
            try d.fields(node, "timeinterval.yamlTimeRange") { (key, value) throws(ConfigError) in
                switch key {
                case "start_time": start = d.string(value, start)
                case "end_time": end = d.string(value, end)
                default: return false
                }
                return true
            }
        }
        guard clean else { return nil }
        if start.isEmpty || end.isEmpty { throw ConfigError("both start and end times must be provided") }
        let startMinute = try parseTime(start)
        let endMinute = try parseTime(end)
        if startMinute >= endMinute { throw ConfigError("start time cannot be equal or greater than end time") }
        return TimeRange(startMinute: startMinute, endMinute: endMinute)
    }

    // ^((([01][0-9])|(2[0-3])):[0-5][0-9])$|(^24:00$)
    static func parseTime(_ text: String) throws(ConfigError) -> Int {
        let bytes = Array(text.utf8)
        let digit = { (byte: UInt8) in byte >= 48 && byte <= 57 }
        let invalid = ConfigError("couldn't parse timestamp \(text), invalid format")
        guard bytes.count == 5, bytes[2] == 58, digit(bytes[0]), digit(bytes[1]), digit(bytes[3]), digit(bytes[4]) else {
            throw invalid
        }
        let hours = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
        let minutes = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
        if hours == 24 && minutes == 0 { return 1440 }
        guard hours < 24, minutes < 60 else { throw invalid }
        return hours * 60 + minutes
    }

    // stringableRangeFromString: lower-cases, then splits on ':' into one or two members.
    private static func split(_ text: String, _ member: (String) throws(ConfigError) -> Int) throws(ConfigError) -> InclusiveRange {
        let lower = text.lowercased()
        if lower.contains(":") {
            let parts = lower.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw ConfigError("couldn't parse range \(lower), invalid format") }
            return InclusiveRange(begin: try member(String(parts[0])), end: try member(String(parts[1])))
        }
        let value = try member(lower)
        return InclusiveRange(begin: value, end: value)
    }

    // Go's strconv.Atoi, with its error text.
    private static func atoi(_ text: String) throws(ConfigError) -> Int {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw ConfigError("strconv.Atoi: parsing \(GoQuote.quote(text)): invalid syntax")
        }
        guard let value = Int(text) else { throw ConfigError("strconv.Atoi: parsing \(GoQuote.quote(text)): value out of range") }
        return value
    }

    static func parseWeekdays(_ text: String) throws(ConfigError) -> InclusiveRange {
        let range = try split(text) { (name) throws(ConfigError) in
            guard let index = weekdayNames.firstIndex(of: name) else { throw ConfigError("\(name) is not a valid weekday") }
            return index
        }
        if range.begin > range.end { throw ConfigError("start day cannot be before end day") }
        return range
    }

    static func parseDaysOfMonth(_ text: String) throws(ConfigError) -> InclusiveRange {
        let range = try split(text, atoi)
        for day in [range.begin, range.end] where day == 0 || day < -31 || day > 31 {
            throw ConfigError("\(day) is not a valid day of the month: out of range")
        }
        if range.begin < 0 && range.end > 0 { throw ConfigError("end day must be negative if start day is negative") }
        // Checked against the shortest month, as Alertmanager does.
        let begin = range.begin < 0 ? 28 + range.begin : range.begin
        let end = range.end < 0 ? 28 + range.end : range.end
        if begin > end { throw ConfigError("end day \(range.end) is always before start day \(range.begin)") }
        return range
    }

    static func parseMonths(_ text: String) throws(ConfigError) -> InclusiveRange {
        let range = try split(text) { (name) throws(ConfigError) in
            if let index = monthNames.firstIndex(of: name) { return index + 1 }
            guard let number = try? atoi(name) else { throw ConfigError("\(name) is not a valid month") }
            return number
        }
        if range.begin > range.end {
            throw ConfigError("end month \(monthName(range.end)) is before start month \(monthName(range.begin))")
        }
        return range
    }

    private static func monthName(_ number: Int) -> String {
        (1...12).contains(number) ? monthNames[number - 1] : ""
    }

    static func parseYears(_ text: String) throws(ConfigError) -> InclusiveRange {
        let range = try split(text, atoi)
        if range.begin > range.end { throw ConfigError("end year \(range.end) is before start year \(range.begin)") }
        return range
    }

    var rendered: YAMLRender {
        var out = YAMLRender()
        func clock(_ minute: Int) -> String {
            let hours = minute / 60
            let minutes = minute % 60
            return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        func plain(_ range: InclusiveRange) -> String {
            range.begin == range.end ? "\(range.begin)" : "\(range.begin):\(range.end)"
        }
        if let times, !times.isEmpty {
            out.list("times", times.map { range in
                var item = YAMLRender()
                item.string("start_time", clock(range.startMinute), omitEmpty: false)
                item.string("end_time", clock(range.endMinute), omitEmpty: false)
                return item.node
            })
        }
        if let weekdays {
            out.stringList("weekdays", weekdays.map { range in
                range.begin == range.end
                    ? Self.weekdayNames[range.begin] : "\(Self.weekdayNames[range.begin]):\(Self.weekdayNames[range.end])"
            }, flow: true)
        }
        if let daysOfMonth { out.stringList("days_of_month", daysOfMonth.map(plain), flow: true) }
        if let months { out.stringList("months", months.map(plain), flow: true) }
        if let years { out.stringList("years", years.map(plain), flow: true) }
        if let location { out.string("location", location) }
        return out
    }
}
