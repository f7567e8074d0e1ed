/// One msgpack value as hashicorp/go-msgpack v0.5 (`codec.MsgpackHandle{}`) reads and writes it.
///
/// memberlist encodes with the old msgpack spec, where strings and byte slices share one "raw" family
/// (`0xa0`-`0xbf`, `0xda`, `0xdb`), so a decoded `raw` cannot tell text from bytes: the struct that reads it
/// decides. Maps keep their entries in wire order, because memberlist's structs are maps whose keys Go writes
/// sorted by field name and a byte-exact re-encoding must reproduce that order.
public enum MessagePackValue: Sendable, Hashable {
    /// `0xc0`. Go writes a nil slice this way and reads it back as the zero value of any field.
    case `nil`
    /// `0xc2` / `0xc3`.
    case bool(Bool)
    /// A negative integer (`0xe0`-`0xff`, `0xd0`-`0xd3`). Non-negative integers are always `uint`, as Go writes them.
    case int(Int64)
    /// A non-negative integer in any width (`0x00`-`0x7f`, `0xcc`-`0xcf`, or a signed form holding a value >= 0).
    case uint(UInt64)
    /// `0xca`.
    case float32(Float)
    /// `0xcb`.
    case float64(Double)
    /// The old-spec raw family (`0xa0`-`0xbf`, `0xd9`, `0xda`, `0xdb`): Go's strings and `[]byte` alike.
    case raw([UInt8])
    /// The bin family (`0xc4`-`0xc6`). Go reads it into `[]byte` fields but never writes it.
    case binary([UInt8])
    /// `0x90`-`0x9f`, `0xdc`, `0xdd`.
    case array([MessagePackValue])
    /// `0x80`-`0x8f`, `0xde`, `0xdf`, entries in wire order.
    case map([MessagePackMapEntry])

    /// A raw value holding the UTF-8 bytes of `text`, the way Go writes a `string` field.
    public static func string(_ text: String) -> MessagePackValue {
        .raw(Array(text.utf8))
    }
}

/// One key/value pair of a msgpack map, kept as a pair so that wire order survives decoding.
public struct MessagePackMapEntry: Sendable, Hashable {
    /// The entry's key; for memberlist structs a raw Go field name.
    public var key: MessagePackValue
    /// The entry's value.
    public var value: MessagePackValue

    /// Pairs `key` with `value`.
    public init(key: MessagePackValue, value: MessagePackValue) {
        self.key = key
        self.value = value
    }
}
