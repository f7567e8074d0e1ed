import Foundation
import TocsinModel

/// A JSON response body written as UTF-8 bytes, Go's way (strings through `GoJSONString`): large bodies such as 100k alerts
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
        GoJSONString.append(value, to: &bytes)
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
}
