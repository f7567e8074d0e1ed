import Foundation

/// API v2 timestamps (go-openapi `strfmt.DateTime`): written in UTC with exactly three fractional digits,
/// read with strfmt's layouts (RFC 3339 with any fraction and offset, and the zone-less ISO 8601 forms, read
/// as UTC).
///
/// Go's zero time (`0001-01-01T00:00:00Z`) reads as nil: Alertmanager treats it as "unset".
enum APITimestamp {
    /// The calendar fields of an instant in UTC, milliseconds truncated (not rounded) as Go's formatter does.
    struct Parts {
        let year, month, day, hour, minute, second, millisecond: Int

        init(_ date: Date) {
            let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
            millisecond = Int((totalMilliseconds % 1000 + 1000) % 1000)
            let seconds = (totalMilliseconds - Int64(millisecond)) / 1000
            let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
            let secondOfDay = Int(seconds - Int64(days) * 86_400)
            (year, month, day) = APITimestamp.civilDate(fromDays: days)
            hour = secondOfDay / 3600
            minute = secondOfDay / 60 % 60
            second = secondOfDay % 60
        }
    }

    /// `2026-01-02T03:04:05.678Z`, truncated (not rounded) to milliseconds as Go's formatter does.
    static func format(_ date: Date) -> String {
        var buffer = JSONBuffer()
        buffer.timestamp(date)
        return String(decoding: buffer.bytes.dropFirst().dropLast(), as: UTF8.self)
    }

    /// go-openapi's `strfmt.DateTime` layouts, in the order `ParseDateTime` tries them (strfmt 0.21, as in
    /// Alertmanager 0.25): the first that parses wins, and the last one's error is the one reported.
    static let layouts: [GoTimeLayout] = {
        let date: [GoTimeLayout.Element] = [.year, .literal("-"), .month, .literal("-"), .day]
        let clock: [GoTimeLayout.Element] = [.hour, .literal(":"), .minute, .literal(":"), .second]
        let dateTime = date + [.literal("T")] + clock
        return [
            GoTimeLayout(text: "2006-01-02T15:04:05.000000Z07:00", elements: dateTime + [.fixedFraction(6), .zoneWithColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05.000000Z0700", elements: dateTime + [.fixedFraction(6), .zoneWithoutColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05.000Z07:00", elements: dateTime + [.fixedFraction(3), .zoneWithColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05.000Z0700", elements: dateTime + [.fixedFraction(3), .zoneWithoutColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05Z07:00", elements: dateTime + [.zoneWithColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05.999999999Z07:00", elements: dateTime + [.optionalFraction, .zoneWithColon]),
            GoTimeLayout(text: "2006-01-02T15:04:05", elements: dateTime),
            GoTimeLayout(
                text: "2006-01-02T15:04Z", elements: date + [.literal("T"), .hour, .literal(":"), .minute, .literal("Z")]),
            GoTimeLayout(text: "2006-01-02T15:04", elements: date + [.literal("T"), .hour, .literal(":"), .minute]),
            GoTimeLayout(text: "2006-01-02 15:04:05", elements: date + [.literal(" ")] + clock),
        ]
    }()

    /// `strfmt.ParseDateTime`: the instant `text` names (`nil` for Go's zero time, which Alertmanager treats
    /// as unset; the Unix epoch for an empty string, as strfmt returns), or Go's error for the last layout.
    static func parseDateTime(_ text: String) -> Result<Date?, GoTimeLayout.ParseError> {
        if text.isEmpty { return .success(Date(timeIntervalSince1970: 0)) }
        var lastError: GoTimeLayout.ParseError?
        for layout in layouts {
            switch layout.parse(text) {
            case .success(let parts):
                if parts.year == 1, parts.month == 1, parts.day == 1, parts.hour == 0, parts.minute == 0, parts.second == 0,
                    parts.nanosecond == 0, parts.offset == 0
                {
                    return .success(nil)
                }
                let days = daysFromCivil(year: parts.year, month: parts.month, day: parts.day)
                let seconds = Int64(days) * 86_400 + Int64(parts.hour * 3600 + parts.minute * 60 + parts.second - parts.offset)
                return .success(Date(timeIntervalSince1970: Double(seconds) + Double(parts.nanosecond) / 1e9))
            case .failure(let error):
                lastError = error
            }
        }
        return .failure(lastError!)
    }

    /// `strfmt.DateTime.UnmarshalJSON` on a body member: null leaves the field as it was (nil), a string is read
    /// with `parseDateTime` (Go's zero time: nil), anything else is Go's type error; `failure` turns Go's error
    /// text into the body's answer (the alert and silence bodies word it differently).
    static func unmarshal(_ value: JSONValue, field: String, failure: (String) -> APIError) throws(APIError) -> Date? {
        switch value {
        case .null:
            return nil
        case .string(let text):
            switch parseDateTime(text) {
            case .success(let date): return date
            case .failure(let error): throw failure(error.description)
            }
        default:
            throw failure("json: cannot unmarshal \(value.goKind) into Go struct field \(field) of type string")
        }
    }

    /// The instant `text` names, `.some(nil)` for Go's zero time, nil when no `strfmt.DateTime` layout reads it.
    static func parse(_ text: String) -> Date?? {
        switch parseDateTime(text) {
        case .success(let date): .some(date)
        case .failure: nil
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    fileprivate static func civilDate(fromDays days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
