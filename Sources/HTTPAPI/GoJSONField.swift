/// How Go's `encoding/json` finds the struct field for an object key: the field whose name is exactly the
/// key, or failing that one whose name equals it ignoring ASCII case (so `"Labels"` sets `labels`, as it
/// does in Alertmanager).
enum GoJSONField {
    /// The name in `fields` that `key` decodes into, or nil when it matches none (the member is ignored).
    static func match(_ key: String, among fields: [String]) -> String? {
        if fields.contains(key) { return key }
        return fields.first { field in
            field.utf8.count == key.utf8.count
                && zip(field.utf8, key.utf8).allSatisfy { lowercased($0) == lowercased($1) }
        }
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
