import TocsinModel

/// Writes JSON byte for byte as Go's `encoding/json` Encoder does for Alertmanager's payloads: fields in
/// struct order, map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`… (HTML-safe
/// escaping is on by default), other control characters as `\u00XX` except `\n`, `\r`, `\t`.
///
/// Receivers compare payloads as text (signatures, caches), so the exact bytes matter.
struct GoJSONWriter {
    private(set) var text = ""
    /// For each open object or array: whether a member was written (so the next one needs a comma).
    private var open: [Bool] = []

    mutating func raw(_ fragment: String) {
        self.text += fragment
    }

    mutating func string(_ value: String) {
        self.text += GoJSONString.quoted(value)
    }

    /// A `map[string]string` (Go's KV): keys sorted, `{}` when empty.
    mutating func map(_ labels: LabelSet) {
        let sorted = labels.sorted { $0.name < $1.name }
        self.text += "{"
        for (index, label) in sorted.enumerated() {
            if index > 0 { self.text += "," }
            self.string(label.name)
            self.text += ":"
            self.string(label.value)
        }
        self.text += "}"
    }

    /// A `map[string]string` given as a dictionary: keys in Go's byte order, `{}` when empty.
    mutating func map(_ values: [String: String]) {
        self.text += "{"
        for (index, key) in values.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { self.text += "," }
            self.string(key)
            self.text += ":"
            self.string(values[key] ?? "")
        }
        self.text += "}"
    }

    /// A `[]string`; `null` is never written (callers omit nil slices themselves).
    mutating func strings(_ values: [String]) {
        self.text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { self.text += "," }
            self.string(value)
        }
        self.text += "]"
    }

    /// Opens an object; members follow through `key`, then `endObject`.
    mutating func beginObject() {
        self.text += "{"
        self.open.append(false)
    }

    mutating func endObject() {
        self.text += "}"
        self.open.removeLast()
    }

    /// Opens an array; elements follow, each after `element()`, then `endArray`.
    mutating func beginArray() {
        self.text += "["
        self.open.append(false)
    }

    mutating func endArray() {
        self.text += "]"
        self.open.removeLast()
    }

    /// Starts the next element of the open array.
    mutating func element() {
        if self.open.last == true { self.text += "," }
        if !self.open.isEmpty { self.open[self.open.count - 1] = true }
    }

    /// Starts member `name` of the open object; its value is written next.
    mutating func key(_ name: String) {
        self.element()
        self.string(name)
        self.text += ":"
    }

    /// A string member; with `omitEmpty` (Go's `,omitempty`) an empty value writes nothing.
    mutating func field(_ name: String, _ value: String, omitEmpty: Bool = false) {
        if omitEmpty && value.isEmpty { return }
        self.key(name)
        self.string(value)
    }

    /// A bool member; with `omitEmpty` false writes nothing.
    mutating func field(_ name: String, _ value: Bool, omitEmpty: Bool = false) {
        if omitEmpty && !value { return }
        self.key(name)
        self.text += value ? "true" : "false"
    }

    /// An integer member.
    mutating func field(_ name: String, _ value: Int) {
        self.key(name)
        self.text += String(value)
    }

    /// The bytes `json.Encoder.Encode` writes: the text and its trailing newline.
    var encoded: [UInt8] { Array((self.text + "\n").utf8) }
}
