/// A set of labels identifying an alert (or holding its annotations): at most one value per name.
///
/// Stored as an array sorted by the names' UTF-8 bytes, so iteration order is Alertmanager's fingerprint
/// order, hashing is cheap, and two sets with the same labels are equal whatever order they were built in.
/// Names are not validated on construction (the API must report invalid ones); call `validate()`.
public struct LabelSet: Sendable, Hashable, RandomAccessCollection, CustomStringConvertible,
    ExpressibleByDictionaryLiteral
{
    /// The labels, sorted by name (byte order), names unique.
    public private(set) var labels: [Label]

    /// The empty label set.
    public init() {
        labels = []
    }

    /// A label set from a dictionary.
    public init(_ dictionary: [String: String]) {
        self.init(pairs: dictionary.map { ($0.key, $0.value) })
    }

    /// A label set from name/value pairs; when a name repeats, the last value wins.
    public init(pairs: some Sequence<(String, String)>) {
        var result: [Label] = []
        for (name, value) in pairs {
            result.append(Label(name: name, value: value))
        }
        self.init(labels: result)
    }

    /// A label set from labels in any order; when a name repeats, the last value wins.
    public init(labels: some Sequence<Label>) {
        let given = Array(labels)
        // Labels that come from another label set (over a socket, from the log, from a JSON object written by
        // Go) are usually in order already: check in one pass before paying for a sort.
        if zip(given, given.dropFirst()).allSatisfy({ $0.name.goLess($1.name) }) {
            self.labels = given
            return
        }
        let indexed = given.enumerated().sorted { a, b in
            if a.element.name.goEquals(b.element.name) {
                return a.offset < b.offset
            }
            return a.element.name.goLess(b.element.name)
        }
        var result: [Label] = []
        result.reserveCapacity(indexed.count)
        for (_, label) in indexed {
            if let last = result.last, last.name.goEquals(label.name) {
                result[result.count - 1] = label
            } else {
                result.append(label)
            }
        }
        self.labels = result
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(pairs: elements)
    }

    public var startIndex: Int { labels.startIndex }
    public var endIndex: Int { labels.endIndex }
    public subscript(position: Int) -> Label { labels[position] }

    /// The label names in order.
    public var names: [String] { labels.map(\.name) }

    /// The value for `name`, or nil when the set has no such label. Setting nil removes the label.
    public subscript(name: String) -> String? {
        get {
            let index = search(name)
            guard index < labels.endIndex, labels[index].name.goEquals(name) else {
                return nil
            }
            return labels[index].value
        }
        set {
            let index = search(name)
            let found = index < labels.endIndex && labels[index].name.goEquals(name)
            switch (found, newValue) {
            case (true, let value?): labels[index].value = value
            case (true, nil): labels.remove(at: index)
            case (false, let value?): labels.insert(Label(name: name, value: value), at: index)
            case (false, nil): break
            }
        }
    }

    /// The value for `name`, or "" when it is missing: how matchers and templates see a missing label.
    public func value(of name: String) -> String {
        self[name] ?? ""
    }

    /// The labels as a dictionary.
    public var dictionary: [String: String] {
        Dictionary(labels.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// This set without labels whose value is empty; Alertmanager drops them from posted alerts
    /// before validating (api/v2 `removeEmptyLabels`).
    public func removingEmptyValues() -> LabelSet {
        var copy = self
        copy.labels.removeAll { $0.value.isEmpty }
        return copy
    }

    /// The labels whose names are in `names` (for group-by). Missing names are simply absent.
    public func selecting(_ names: some Sequence<String>) -> LabelSet {
        let wanted = Set(names.map { Array($0.utf8) })
        var copy = self
        copy.labels.removeAll { !wanted.contains(Array($0.name.utf8)) }
        return copy
    }

    /// This set with every label of `other` added, `other` winning on equal names.
    public func merging(_ other: LabelSet) -> LabelSet {
        LabelSet(labels: labels + other.labels)
    }

    /// Checks every name against `LabelName.isValid`, reporting the first invalid one in name order.
    ///
    /// Values are Swift strings and so always valid UTF-8, which is Alertmanager's only rule for values.
    public func validate() throws(LabelSetError) {
        for label in labels where !LabelName.isValid(label.name) {
            throw .invalidName(label.name)
        }
    }

    /// The alert fingerprint (prometheus/common `LabelSet.Fingerprint`).
    public var fingerprint: Fingerprint {
        Fingerprint(labelSet: self)
    }

    /// The xxHash64 that Alertmanager's nflog records for an alert with these labels (notify.go `hashAlert`).
    public var alertHash: UInt64 {
        XXHash64.hash(signatureBytes)
    }

    /// `name 0xFF value 0xFF` for every label in name order: the bytes both alert hashes cover.
    var signatureBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(labels.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 2 })
        for label in labels {
            bytes.append(contentsOf: label.name.utf8)
            bytes.append(0xFF)
            bytes.append(contentsOf: label.value.utf8)
            bytes.append(0xFF)
        }
        return bytes
    }

    /// Go's `model.LabelSet.String()`: `{a="1", b="2"}`, elements `name=%q` sorted as whole strings
    /// (so `a1="x"` sorts before `a="x"`), joined by `", "`. Group keys embed this text.
    public var description: String {
        let parts = labels.map(\.description).sorted { $0.goLess($1) }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    /// Index of `name`, or of the place it would be inserted.
    private func search(_ name: String) -> Int {
        var low = 0
        var high = labels.count
        while low < high {
            let mid = (low + high) / 2
            if labels[mid].name.goLess(name) {
                low = mid + 1
            } else {
                high = mid
            }
        }
        return low
    }
}

extension LabelSet: Codable {
    /// Decodes a JSON object of names to values (the API's `labels`/`annotations` shape).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode([String: String].self))
    }

    /// Encodes as a JSON object of names to values.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(dictionary)
    }
}
