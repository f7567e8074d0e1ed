/// A Go `time.Parse` layout, for the elements go-openapi's `strfmt.DateTime` layouts use, parsed with Go's
/// rules and failing with Go's `*time.ParseError` text, so an API body with a bad time gets Alertmanager's
/// exact message.
///
/// Go's rules that matter here: an hour may have one digit; a fractional second is accepted after the
/// seconds even when the layout has none; `.000` takes exactly that many digits; a space in the layout
/// matches any run of spaces; ranges are checked as each element is read (month, hour, minute, second) and
/// the day against the month once everything is read.
struct GoTimeLayout: Sendable {
    enum Element: Sendable, Equatable {
        case literal(String)
        case year  // 2006
        case month  // 01
        case day  // 02
        case hour  // 15
        case minute  // 04
        case second  // 05
        case fixedFraction(Int)  // .000, .000000
        case optionalFraction  // .999999999
        case zoneWithColon  // Z07:00
        case zoneWithoutColon  // Z0700
    }

    /// What a successful parse read.
    struct Components: Equatable {
        var year = 1
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var nanosecond = 0
        /// Seconds east of UTC; 0 for layouts without a zone, which Go parses as UTC.
        var offset = 0
    }

    /// `time.ParseError`: `description` is its `Error()` text.
    struct ParseError: Error, Equatable, CustomStringConvertible {
        let layout: String
        let value: String
        let layoutElement: String
        let valueElement: String
        /// Set for range and extra-text errors, which print without the "as" part.
        let message: String

        var description: String {
            if message.isEmpty {
                return "parsing time \(Self.quote(value)) as \(Self.quote(layout)): cannot parse \(Self.quote(valueElement)) as "
                    + Self.quote(layoutElement)
            }
            return "parsing time \(Self.quote(value))" + message
        }

        /// Go's `time.quote`: double quotes, `"` and `\` escaped, bytes of non-ASCII or control characters as
        /// `\xNN`.
        static func quote(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                if scalar.value >= 0x80 || scalar.value < 0x20 {
                    for byte in String(scalar).utf8 {
                        out += "\\x" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
                    }
                } else {
                    if scalar == "\"" || scalar == "\\" { out += "\\" }
                    out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }

    /// The layout text, as Go prints it in errors.
    let text: String
    let elements: [Element]

    /// `time.Parse(layout, value)`.
    func parse(_ value: String) -> Result<Components, ParseError> {
        var rest = Substring(value)
        var parsed = Components()
        func failure(_ layoutElement: String, _ valueElement: Substring, _ message: String = "") -> Result<Components, ParseError> {
            .failure(
                ParseError(layout: text, value: value, layoutElement: layoutElement, valueElement: String(valueElement), message: message))
        }
        for (index, element) in elements.enumerated() {
            let hold = rest
            switch element {
            case .literal(let literal):
                guard Self.skip(&rest, literal) else { return failure(literal, hold) }
            case .year:
                let digits = rest.prefix(4)
                guard digits.count == 4, let year = Self.goAtoi(digits) else { return failure("2006", hold) }
                parsed.year = year
                rest = rest.dropFirst(4)
            case .month:
                guard let month = Self.number(&rest, fixed: true) else { return failure("01", hold) }
                guard (1...12).contains(month) else { return failure("01", rest, ": month out of range") }
                parsed.month = month
            case .day:
                guard let day = Self.number(&rest, fixed: true) else { return failure("02", hold) }
                parsed.day = day
            case .hour:
                guard let hour = Self.number(&rest, fixed: false) else { return failure("15", hold) }
                guard hour < 24 else { return failure("15", rest, ": hour out of range") }
                parsed.hour = hour
            case .minute:
                guard let minute = Self.number(&rest, fixed: true) else { return failure("04", hold) }
                guard minute < 60 else { return failure("04", rest, ": minute out of range") }
                parsed.minute = minute
            case .second:
                guard let second = Self.number(&rest, fixed: true) else { return failure("05", hold) }
                guard second < 60 else { return failure("05", rest, ": second out of range") }
                parsed.second = second
                // A fraction the layout does not ask for is read anyway (unless the next element reads it).
                let next = index + 1 < elements.count ? elements[index + 1] : nil
                let layoutReadsFraction = next == .optionalFraction || { if case .fixedFraction = next { true } else { false } }()
                if !layoutReadsFraction, let digits = Self.fractionDigits(rest), digits > 0 {
                    parsed.nanosecond = Self.nanoseconds(rest.dropFirst().prefix(digits))
                    rest = rest.dropFirst(1 + digits)
                }
            case .fixedFraction(let count):
                guard rest.count >= count + 1, let digits = Self.fractionDigits(rest), digits >= count else {
                    return failure("." + String(repeating: "0", count: count), hold)
                }
                parsed.nanosecond = Self.nanoseconds(rest.dropFirst().prefix(count))
                rest = rest.dropFirst(1 + count)
            case .optionalFraction:
                if let digits = Self.fractionDigits(rest), digits > 0 {
                    parsed.nanosecond = Self.nanoseconds(rest.dropFirst().prefix(digits))
                    rest = rest.dropFirst(1 + digits)
                }
            case .zoneWithColon, .zoneWithoutColon:
                let name = element == .zoneWithColon ? "Z07:00" : "Z0700"
                if rest.first == "Z" {
                    rest = rest.dropFirst()
                    parsed.offset = 0
                    break
                }
                let bytes = Array(rest.utf8)
                let length = element == .zoneWithColon ? 6 : 5
                guard bytes.count >= length, element == .zoneWithoutColon || bytes[3] == UInt8(ascii: ":") else {
                    return failure(name, hold)
                }
                let minuteStart = element == .zoneWithColon ? 4 : 3
                guard let hours = Self.twoDigits(bytes, 1), let minutes = Self.twoDigits(bytes, minuteStart),
                    bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-")
                else {
                    return failure(name, hold)
                }
                rest = rest.dropFirst(length)
                if hours > 24 { return failure(name, rest, ": time zone offset hour out of range") }
                if minutes > 60 { return failure(name, rest, ": time zone offset minute out of range") }
                parsed.offset = (hours * 60 + minutes) * 60 * (bytes[0] == UInt8(ascii: "-") ? -1 : 1)
            }
        }
        if !rest.isEmpty {
            return failure("", rest, ": extra text: " + ParseError.quote(String(rest)))
        }
        if parsed.day < 1 || parsed.day > Self.daysIn(month: parsed.month, year: parsed.year) {
            return failure("", rest, ": day out of range")
        }
        return .success(parsed)
    }

    /// Go's `skip`: the literal must follow, except that a space matches any run of spaces (or none at the
    /// end of the value).
    private static func skip(_ rest: inout Substring, _ literal: String) -> Bool {
        var prefix = Substring(literal)
        while let first = prefix.first {
            if first == " " {
                if let next = rest.first, next != " " { return false }
                prefix = prefix.drop { $0 == " " }
                rest = rest.drop { $0 == " " }
                continue
            }
            guard rest.first == first else { return false }
            prefix = prefix.dropFirst()
            rest = rest.dropFirst()
        }
        return true
    }

    /// Go's `getnum`: one or two digits (exactly two when `fixed`).
    private static func number(_ rest: inout Substring, fixed: Bool) -> Int? {
        let bytes = Array(rest.utf8.prefix(2))
        guard let first = bytes.first, isDigit(first) else { return nil }
        guard bytes.count == 2, isDigit(bytes[1]) else {
            if fixed { return nil }
            rest = rest.dropFirst()
            return Int(first - UInt8(ascii: "0"))
        }
        rest = rest.dropFirst(2)
        return Int(first - UInt8(ascii: "0")) * 10 + Int(bytes[1] - UInt8(ascii: "0"))
    }

    /// Go's `atoi` on the four year characters: an optional sign, then digits only.
    private static func goAtoi(_ text: Substring) -> Int? {
        var digits = text
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy(isDigit), let value = Int(digits) else { return nil }
        return negative ? -value : value
    }

    /// The number of digits after a leading `.` or `,`, or nil when `rest` does not start with one.
    private static func fractionDigits(_ rest: Substring) -> Int? {
        guard let first = rest.first, first == "." || first == "," else { return nil }
        return rest.dropFirst().utf8.prefix { isDigit($0) }.count
    }

    /// Up to nine digits of a fraction as nanoseconds (further digits are dropped, as Go truncates).
    private static func nanoseconds(_ digits: Substring) -> Int {
        var value = 0
        var count = 0
        for byte in digits.utf8 where count < 9 {
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            count += 1
        }
        while count < 9 {
            value *= 10
            count += 1
        }
        return value
    }

    private static func twoDigits(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard isDigit(bytes[start]), isDigit(bytes[start + 1]) else { return nil }
        return Int(bytes[start] - UInt8(ascii: "0")) * 10 + Int(bytes[start + 1] - UInt8(ascii: "0"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
