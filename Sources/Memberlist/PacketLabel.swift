/// memberlist's label header (`[0xf4][len u8][label]`), which newer memberlist (0.3+) puts in front of packets
/// and streams to keep clusters that share a network apart.
///
/// Alertmanager 0.25 as shipped by Debian (memberlist 0.2.2) neither sends nor accepts it, so a Tocsin node
/// talking to it must not add one; reading it is supported so that newer peers can still be understood.
public enum PacketLabel {
    /// The longest label the one-byte length allows.
    public static let maxLength = 255

    /// Splits a leading label header off `bytes`: the label (nil when there is none) and the rest.
    public static func strip(_ bytes: ArraySlice<UInt8>) throws -> (label: String?, rest: ArraySlice<UInt8>) {
        guard bytes.first == MessageType.hasLabel.rawValue else { return (nil, bytes) }
        guard bytes.count >= 2 else { throw MemberlistError.invalidLabel }
        let length = Int(bytes[bytes.startIndex + 1])
        let start = bytes.startIndex + 2
        guard length > 0, bytes.endIndex - start >= length else { throw MemberlistError.invalidLabel }
        let label = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        return (label, bytes[(start + length)...])
    }

    /// `payload` with a label header in front, or unchanged when `label` is nil or empty.
    ///
    /// - Precondition: the label's UTF-8 form is at most 255 bytes.
    public static func add(_ label: String?, to payload: [UInt8]) -> [UInt8] {
        guard let label, !label.isEmpty else { return payload }
        let bytes = Array(label.utf8)
        precondition(bytes.count <= maxLength, "a memberlist label is at most 255 bytes")
        return [MessageType.hasLabel.rawValue, UInt8(bytes.count)] + bytes + payload
    }
}
