/// A Go `time.Time` as templates see it: printed with Go's default layout
/// (`2006-01-02 15:04:05.999999999 -0700 MST`, no monotonic reading), formatted with Go layouts, and with the
/// methods Alertmanager templates call (`Format`, `Unix`, `UTC`, `Sub`, ...).
///
/// The instant is kept as Unix seconds plus nanoseconds, with the fixed zone offset and name it is shown in,
/// so formatting never depends on the host's time zone database.
public struct GoTime: TemplateObject, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    public var seconds: Int64
    /// Nanoseconds within the second, 0..<1e9.
    public var nanoseconds: Int32
    /// Zone offset east of UTC in seconds.
    public var offset: Int
    /// Zone abbreviation; empty for a fixed offset without a name (printed as `+0200`).
    public var zoneName: String

    /// Go's zero time, `0001-01-01 00:00:00 +0000 UTC`, which Alertmanager's `EndsAt` holds when unset.
    public static let zero = GoTime(seconds: -62_135_596_800, nanoseconds: 0)

    /// The instant `seconds`+`nanoseconds` after the Unix epoch, shown in the zone `offset` seconds east of UTC.
    public init(seconds: Int64, nanoseconds: Int32, offset: Int = 0, zoneName: String = "UTC") {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
        self.offset = offset
        self.zoneName = zoneName
    }

    /// Parses an RFC 3339 timestamp as Go's `time.Time.UnmarshalJSON` does: `Z` gives UTC, an explicit
    /// offset gives an unnamed fixed zone.
    public init?(rfc3339 text: String) {
        let b = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= b.count else { return nil }
            var v = 0
            for i in from..<(from + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b.count >= 20, let year = num(0, 4), b[4] == 45, let month = num(5, 2), b[7] == 45,
            let day = num(8, 2), b[10] == 84 || b[10] == 116, let hour = num(11, 2), b[13] == 58,
            let minute = num(14, 2), b[16] == 58, let second = num(17, 2)
        else { return nil }
        var i = 19
        var nanos = 0
        if i < b.count && b[i] == 46 {
            i += 1
            var digits = 0
            while i < b.count && b[i] >= 48 && b[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard i < b.count else { return nil }
        var offset = 0
        var name = "UTC"
        if b[i] == 90 || b[i] == 122 {
            guard i + 1 == b.count else { return nil }
        } else {
            guard b[i] == 43 || b[i] == 45, let oh = num(i + 1, 2), b.count > i + 3, b[i + 3] == 58,
                let om = num(i + 4, 2), i + 6 == b.count
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
            name = offset == 0 ? "UTC" : ""
        }
        let days = GoTime.daysFromCivil(year, month, day)
        let local = Int64(days) * 86400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(seconds: local - Int64(offset), nanoseconds: Int32(nanos), offset: offset, zoneName: name)
    }

    public var typeName: String { "time.Time" }
    public var stringerDescription: String? { format("2006-01-02 15:04:05.999999999 -0700 MST") }
    public var structFields: [TemplateValue]? { [] }

    public var isZero: Bool { seconds == GoTime.zero.seconds && nanoseconds == 0 }

    /// The same instant in UTC.
    public var utc: GoTime { GoTime(seconds: seconds, nanoseconds: nanoseconds, offset: 0, zoneName: "UTC") }

    /// Nanoseconds between `other` and `self`, saturating like Go's `Time.Sub`.
    public func sub(_ other: GoTime) -> Int64 {
        let (s, o1) = (seconds - other.seconds).multipliedReportingOverflow(by: 1_000_000_000)
        let (r, o2) = s.addingReportingOverflow(Int64(nanoseconds) - Int64(other.nanoseconds))
        if o1 || o2 { return seconds > other.seconds ? Int64.max : Int64.min }
        return r
    }

    /// The instant `nanos` later.
    /// Go's `Time.Truncate`: rounded down to a multiple of `d` since the zero time (unchanged if d <= 0).
    public func truncated(to d: Int64) -> GoTime {
        guard d > 0 else { return self }
        return adding(nanoseconds: -remainder(d))
    }

    /// Go's `Time.Round`: to the nearest multiple of `d` since the zero time, halves up (unchanged if d <= 0).
    public func rounded(to d: Int64) -> GoTime {
        guard d > 0 else { return self }
        let r = remainder(d)
        return UInt64(r) + UInt64(r) < UInt64(d) ? adding(nanoseconds: -r) : adding(nanoseconds: d - r)
    }

    /// The time since the zero time (January 1, year 1, UTC) modulo `d` nanoseconds, for `d` > 0 and times
    /// from year 1 on: (seconds × 10⁹ + nanoseconds) mod d, in full width so nothing overflows.
    private func remainder(_ d: Int64) -> Int64 {
        let m = UInt64(d)
        let secondsSinceZero = UInt64(max(seconds - GoTime.zero.seconds, 0))
        let product = (secondsSinceZero % m).multipliedFullWidth(by: 1_000_000_000 % m)
        let r = m.dividingFullWidth(product).remainder
        return Int64((r % m + UInt64(nanoseconds) % m) % m)
    }

    public func adding(nanoseconds nanos: Int64) -> GoTime {
        var s = seconds + nanos / 1_000_000_000
        var n = Int64(nanoseconds) + nanos % 1_000_000_000
        if n >= 1_000_000_000 {
            s += 1
            n -= 1_000_000_000
        } else if n < 0 {
            s -= 1
            n += 1_000_000_000
        }
        return GoTime(seconds: s, nanoseconds: Int32(n), offset: offset, zoneName: zoneName)
    }

    /// The `time.Time` methods templates use: `Format`, `String`, `Unix`, `UnixMilli`, `UnixNano`, `UTC`,
    /// `Local` (UTC, as on Alertmanager's usual hosts), `IsZero`, `Sub`, `Add`, `Before`, `After`, `Equal`,
    /// `Year`, `Month`, `Day`, `YearDay`, `Weekday`, `Hour`, `Minute`, `Second`, `Nanosecond`.
    public func method(named name: String) -> TemplateMethod? {
        let t = self
        switch name {
        case "Format":
            return TemplateMethod([.string]) { .string(t.format($0[0].stringValue ?? "")) }
        case "String": return TemplateMethod([]) { _ in .string(t.stringerDescription!) }
        case "Unix": return TemplateMethod([]) { _ in .object(GoInt64(t.seconds)) }
        case "UnixMilli":
            return TemplateMethod([]) { _ in .object(GoInt64(t.seconds * 1000 + Int64(t.nanoseconds) / 1_000_000)) }
        case "UnixNano":
            return TemplateMethod([]) { _ in .object(GoInt64(t.seconds &* 1_000_000_000 &+ Int64(t.nanoseconds))) }
        case "UTC": return TemplateMethod([]) { _ in .object(t.utc) }
        case "Local": return TemplateMethod([]) { _ in .object(t.utc) }
        case "IsZero": return TemplateMethod([]) { _ in .bool(t.isZero) }
        case "Sub":
            return TemplateMethod([.type("time.Time")]) { args in
                guard case .object(let o) = args[0], let u = o as? GoTime else { return .invalid }
                return .object(GoDuration(t.sub(u)))
            }
        case "Add":
            return TemplateMethod([.duration]) { args in
                guard case .object(let o) = args[0], let d = o as? GoDuration else { return .invalid }
                return .object(t.adding(nanoseconds: d.nanoseconds))
            }
        case "Truncate", "Round":
            return TemplateMethod([.duration]) { args in
                guard case .object(let o) = args[0], let d = o as? GoDuration else { return .invalid }
                return .object(name == "Truncate" ? t.truncated(to: d.nanoseconds) : t.rounded(to: d.nanoseconds))
            }
        case "Before", "After", "Equal":
            return TemplateMethod([.type("time.Time")]) { args in
                guard case .object(let o) = args[0], let u = o as? GoTime else { return .invalid }
                let d = t.sub(u)
                return .bool(name == "Before" ? d < 0 : name == "After" ? d > 0 : d == 0)
            }
        case "Year": return TemplateMethod([]) { _ in .int(t.civil.year) }
        case "Month": return TemplateMethod([]) { _ in .object(GoMonth(value: t.civil.month)) }
        case "Day": return TemplateMethod([]) { _ in .int(t.civil.day) }
        case "YearDay": return TemplateMethod([]) { _ in .int(t.civil.yday) }
        case "Weekday": return TemplateMethod([]) { _ in .object(GoWeekday(value: t.civil.weekday)) }
        case "Hour": return TemplateMethod([]) { _ in .int(t.civil.hour) }
        case "Minute": return TemplateMethod([]) { _ in .int(t.civil.minute) }
        case "Second": return TemplateMethod([]) { _ in .int(t.civil.second) }
        case "Nanosecond": return TemplateMethod([]) { _ in .int(Int(t.nanoseconds)) }
        default: return nil
        }
    }

    // MARK: calendar

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    struct Civil {
        var year, month, day, hour, minute, second, weekday, yday: Int
    }

    var civil: Civil {
        let local = seconds + Int64(offset)
        var days = local / 86400
        var secs = local % 86400
        if secs < 0 {
            secs += 86400
            days -= 1
        }
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        var weekday = (Int(days) + 4) % 7
        if weekday < 0 { weekday += 7 }
        let yday = Int(days) - GoTime.daysFromCivil(y, 1, 1) + 1
        return Civil(
            year: y, month: m, day: d, hour: Int(secs / 3600), minute: Int(secs % 3600 / 60), second: Int(secs % 60),
            weekday: weekday, yday: yday)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    // MARK: layout formatting

    private enum Chunk {
        case longMonth, month, numMonth, zeroMonth, longWeekDay, weekDay, day, underDay, zeroDay
        case underYearDay, zeroYearDay, hour, hour12, zeroHour12, minute, zeroMinute, second, zeroSecond
        case longYear, year, pm, lowerPM, tz
        case numTZ(colon: Bool, short: Bool, seconds: Bool, iso: Bool)
        case fraction(digits: Int, trim: Bool, separator: UInt8)
    }

    /// Go's `nextStdChunk`: the literal prefix, the layout element, and the rest.
    private static func nextChunk(_ l: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, Chunk?, ArraySlice<UInt8>) {
        func has(_ i: Int, _ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= l.endIndex else { return false }
            return s.withUTF8Buffer { buf in
                for k in 0..<n where l[i + k] != buf[k] { return false }
                return true
            }
        }
        func lowerAt(_ i: Int) -> Bool { i < l.endIndex && l[i] >= 97 && l[i] <= 122 }
        var i = l.startIndex
        while i < l.endIndex {
            let c = l[i]
            let pre = l[l.startIndex..<i]
            switch c {
            case UInt8(ascii: "J"):
                if has(i, "Jan") {
                    if has(i, "January") { return (pre, .longMonth, l[(i + 7)...]) }
                    if !lowerAt(i + 3) { return (pre, .month, l[(i + 3)...]) }
                }
            case UInt8(ascii: "M"):
                if has(i, "Mon") {
                    if has(i, "Monday") { return (pre, .longWeekDay, l[(i + 6)...]) }
                    if !lowerAt(i + 3) { return (pre, .weekDay, l[(i + 3)...]) }
                }
                if has(i, "MST") { return (pre, .tz, l[(i + 3)...]) }
            case UInt8(ascii: "0"):
                if i + 1 < l.endIndex, l[i + 1] >= 49, l[i + 1] <= 54 {
                    let table: [Chunk] = [.zeroMonth, .zeroDay, .zeroHour12, .zeroMinute, .zeroSecond, .year]
                    return (pre, table[Int(l[i + 1] - 49)], l[(i + 2)...])
                }
                if has(i, "002") { return (pre, .zeroYearDay, l[(i + 3)...]) }
            case UInt8(ascii: "1"):
                if has(i, "15") { return (pre, .hour, l[(i + 2)...]) }
                return (pre, .numMonth, l[(i + 1)...])
            case UInt8(ascii: "2"):
                if has(i, "2006") { return (pre, .longYear, l[(i + 4)...]) }
                return (pre, .day, l[(i + 1)...])
            case UInt8(ascii: "_"):
                if has(i, "_2") {
                    if has(i + 1, "2006") { return (l[l.startIndex..<(i + 1)], .longYear, l[(i + 5)...]) }
                    return (pre, .underDay, l[(i + 2)...])
                }
                if has(i, "__2") { return (pre, .underYearDay, l[(i + 3)...]) }
            case UInt8(ascii: "3"): return (pre, .hour12, l[(i + 1)...])
            case UInt8(ascii: "4"): return (pre, .minute, l[(i + 1)...])
            case UInt8(ascii: "5"): return (pre, .second, l[(i + 1)...])
            case UInt8(ascii: "P"): if has(i, "PM") { return (pre, .pm, l[(i + 2)...]) }
            case UInt8(ascii: "p"): if has(i, "pm") { return (pre, .lowerPM, l[(i + 2)...]) }
            case UInt8(ascii: "-"), UInt8(ascii: "Z"):
                let iso = c == UInt8(ascii: "Z")
                let forms: [(StaticString, StaticString, Int, Bool, Bool, Bool)] = [
                    ("-070000", "Z070000", 7, false, false, true), ("-07:00:00", "Z07:00:00", 9, true, false, true),
                    ("-0700", "Z0700", 5, false, false, false), ("-07:00", "Z07:00", 6, true, false, false),
                    ("-07", "Z07", 3, false, true, false),
                ]
                for (dash, zed, length, colon, short, seconds) in forms where has(i, iso ? zed : dash) {
                    return (pre, .numTZ(colon: colon, short: short, seconds: seconds, iso: iso), l[(i + length)...])
                }
            case UInt8(ascii: "."), UInt8(ascii: ","):
                if i + 1 < l.endIndex, l[i + 1] == 48 || l[i + 1] == 57 {
                    let ch = l[i + 1]
                    var j = i + 1
                    while j < l.endIndex && l[j] == ch { j += 1 }
                    if !(j < l.endIndex && l[j] >= 48 && l[j] <= 57) {
                        return (pre, .fraction(digits: j - (i + 1), trim: ch == 57, separator: c), l[j...])
                    }
                }
            default: break
            }
            i += 1
        }
        return (l, nil, l[l.endIndex...])
    }

    private static func pad(_ n: Int, _ width: Int, _ out: inout String) {
        if n < 0 { out += "-" }
        let s = String(abs(n))
        if s.utf8.count < width { out += String(repeating: "0", count: width - s.utf8.count) }
        out += s
    }

    /// Go's `Time.Format(layout)`.
    public func format(_ layout: String) -> String {
        let c = civil
        var out = ""
        var rest = ArraySlice(Array(layout.utf8))
        while !rest.isEmpty {
            let (prefix, chunk, suffix) = Self.nextChunk(rest)
            out += String(decoding: prefix, as: UTF8.self)
            guard let chunk else { break }
            rest = suffix
            switch chunk {
            case .year: Self.pad(c.year % 100, 2, &out)
            case .longYear: Self.pad(c.year, 4, &out)
            case .month: out += String(Self.monthNames[c.month - 1].prefix(3))
            case .longMonth: out += Self.monthNames[c.month - 1]
            case .numMonth: out += String(c.month)
            case .zeroMonth: Self.pad(c.month, 2, &out)
            case .weekDay: out += String(Self.dayNames[c.weekday].prefix(3))
            case .longWeekDay: out += Self.dayNames[c.weekday]
            case .day: out += String(c.day)
            case .underDay:
                if c.day < 10 { out += " " }
                out += String(c.day)
            case .zeroDay: Self.pad(c.day, 2, &out)
            case .underYearDay:
                if c.yday < 100 { out += " " }
                if c.yday < 10 { out += " " }
                out += String(c.yday)
            case .zeroYearDay: Self.pad(c.yday, 3, &out)
            case .hour: Self.pad(c.hour, 2, &out)
            case .hour12:
                let h = c.hour % 12
                out += String(h == 0 ? 12 : h)
            case .zeroHour12:
                let h = c.hour % 12
                Self.pad(h == 0 ? 12 : h, 2, &out)
            case .minute: out += String(c.minute)
            case .zeroMinute: Self.pad(c.minute, 2, &out)
            case .second: out += String(c.second)
            case .zeroSecond: Self.pad(c.second, 2, &out)
            case .pm: out += c.hour >= 12 ? "PM" : "AM"
            case .lowerPM: out += c.hour >= 12 ? "pm" : "am"
            case .numTZ(let colon, let short, let withSeconds, let iso):
                if iso && offset == 0 {
                    out += "Z"
                    break
                }
                var zone = offset / 60
                var absOffset = offset
                if zone < 0 {
                    out += "-"
                    zone = -zone
                    absOffset = -absOffset
                } else {
                    out += "+"
                }
                Self.pad(zone / 60, 2, &out)
                if colon { out += ":" }
                if !short { Self.pad(zone % 60, 2, &out) }
                if withSeconds {
                    if colon { out += ":" }
                    Self.pad(absOffset % 60, 2, &out)
                }
            case .tz:
                if !zoneName.isEmpty {
                    out += zoneName
                    break
                }
                var zone = offset / 60
                if zone < 0 {
                    out += "-"
                    zone = -zone
                } else {
                    out += "+"
                }
                Self.pad(zone / 60, 2, &out)
                Self.pad(zone % 60, 2, &out)
            case .fraction(let digits, let trim, let separator):
                var frac = String(nanoseconds)
                while frac.count < 9 { frac = "0" + frac }
                var part = String(frac.prefix(min(digits, 9)))
                if trim {
                    while part.hasSuffix("0") { part.removeLast() }
                    if part.isEmpty { break }
                }
                out.unicodeScalars.append(Unicode.Scalar(separator))
                out += part
            }
        }
        return out
    }
}

/// A Go `int64` (what `Time.Unix` returns): an int that reports its Go type in errors.
struct GoInt64: TemplateObject {
    let value: Int64
    init(_ value: Int64) { self.value = value }
    var typeName: String { "int64" }
    var kindView: TemplateValue? { .int(Int(value)) }
}

/// Go's `time.Month`, printed by name.
struct GoMonth: TemplateObject {
    let value: Int
    var typeName: String { "time.Month" }
    var kindView: TemplateValue? { .int(value) }
    var stringerDescription: String? { GoTime.monthNames[value - 1] }
}

/// Go's `time.Weekday`, printed by name.
struct GoWeekday: TemplateObject {
    let value: Int
    var typeName: String { "time.Weekday" }
    var kindView: TemplateValue? { .int(value) }
    var stringerDescription: String? { GoTime.dayNames[value] }
}
