import Foundation
import TocsinModel

/// A JSON response body written as UTF-8 bytes, Go's way (see `GoJSON`): large bodies such as 100k alerts
/// are appended here piece by piece instead of being assembled from strings, which cost most of a GET's time
/// in allocation and string bookkeeping.
struct JSONBuffer {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends text that is already JSON (punctuation, member names that need no escaping).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Appends the JSON string literal for `value`, escaped as Go escapes it (HTML-safe).
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most names, values and times need no escaping: copy them whole.
        if !value.utf8.contains(where: Self.needsEscape) {
            bytes.append(contentsOf: value.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": raw(#"\""#)
            case "\\": raw(#"\\"#)
            case "\n": raw(#"\n"#)
            case "\r": raw(#"\r"#)
            case "\t": raw(#"\t"#)
            case "<", ">", "&", "\u{2028}", "\u{2029}": unicodeEscape(scalar.value)
            default:
                if scalar.value < 0x20 {
                    unicodeEscape(scalar.value)
                } else {
                    bytes.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a label set as Go marshals a `map[string]string`: keys in byte order, which is the order a
    /// `LabelSet` keeps.
    mutating func labels(_ labels: LabelSet) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for label in labels {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            string(label.name)
            bytes.append(UInt8(ascii: ":"))
            string(label.value)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends `["a","b"]`.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Appends an API timestamp as a JSON string (see `APITimestamp.format`), digit by digit.
    mutating func timestamp(_ date: Date) {
        let parts = APITimestamp.Parts(date)
        bytes.append(UInt8(ascii: "\""))
        digits(parts.year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(parts.day, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(parts.hour, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.minute, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(parts.second, 2)
        bytes.append(UInt8(ascii: "."))
        digits(parts.millisecond, 3)
        raw(#"Z""#)
    }

    /// `value` in decimal, zero-padded to `width` digits (wider values keep all their digits).
    private mutating func digits(_ value: Int, _ width: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(-value, width)
            return
        }
        var scratch: [UInt8] = []
        var rest = value
        repeat {
            scratch.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for _ in scratch.count..<max(width, scratch.count) { bytes.append(UInt8(ascii: "0")) }
        bytes.append(contentsOf: scratch.reversed())
    }

    private mutating func unicodeEscape(_ value: UInt32) {
        raw(#"\u"#)
        let hex = Array("0123456789abcdef".utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
    }

    /// Whether a UTF-8 byte may start something `string` escapes: a quote, a backslash, a control character,
    /// `<`, `>`, `&`, or 0xE2, the lead byte of U+2028 and U+2029 (checked exactly on the slow path).
    static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0xE2: true
        default: byte < 0x20
        }
    }
}
