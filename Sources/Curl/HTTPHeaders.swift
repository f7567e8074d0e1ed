/// An ordered list of HTTP header fields, as sent or as received.
///
/// Order and repetition are kept exactly (a response may carry several `Set-Cookie` fields, and a
/// caller's header order is what goes on the wire); lookups compare names case-insensitively, the
/// way HTTP defines field names.
public struct HTTPHeaders: Sendable, Hashable, ExpressibleByDictionaryLiteral, Sequence {
    /// One header field: a name and its value, both without the separating colon or line ending.
    public struct Field: Sendable, Hashable {
        /// The field name, sent as given.
        public var name: String
        /// The field value, without surrounding whitespace.
        public var value: String

        /// Makes a field; the name must be a valid HTTP token and the value must not contain CR or LF.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The fields in wire order.
    public private(set) var fields: [Field]

    /// Makes an empty header list.
    public init() {
        fields = []
    }

    /// Makes a header list from name/value pairs, kept in the given order.
    public init(_ pairs: [(String, String)]) {
        fields = pairs.map { Field(name: $0.0, value: $0.1) }
    }

    /// Makes a header list from a literal, kept in the literal's order.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// Appends a field, keeping any earlier field of the same name.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field of this name with a single one, placed where the first one was (or last).
    public mutating func replaceOrAdd(name: String, value: String) {
        let key = name.lowercased()
        guard let first = fields.firstIndex(where: { $0.name.lowercased() == key }) else {
            add(name: name, value: value)
            return
        }
        fields = fields.enumerated().compactMap { index, field in
            if index == first { return Field(name: field.name, value: value) }
            return field.name.lowercased() == key ? nil : field
        }
    }

    /// Appends an obsolete folded continuation line to the last field's value.
    mutating func continueLastValue(with text: String) {
        guard !fields.isEmpty else { return }
        fields[fields.count - 1].value += " " + text
    }

    /// Removes every field of this name.
    public mutating func remove(name: String) {
        fields.removeAll { $0.name.lowercased() == name.lowercased() }
    }

    /// Whether a field of this name is present.
    public func contains(name: String) -> Bool {
        fields.contains { $0.name.lowercased() == name.lowercased() }
    }

    /// The first value of the named field, or nil when absent.
    public subscript(name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every value of the named field, in order.
    public func values(for name: String) -> [String] {
        fields.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Iterates the fields in wire order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        fields.makeIterator()
    }
}
