/// Constants every process agrees on for the inter-process protocol.
///
/// The envelope is defined in `proto/tocsin/wire/v1/envelope.proto`. Messages only ever gain fields;
/// ``version`` changes when a change would be misread by an older peer, and a hello carrying another
/// version is refused, so two processes from different releases fail loudly instead of misbehaving.
public enum WireProtocol {
    /// The protocol version this build speaks.
    public static let version: UInt32 = 1

    /// The size of the length prefix in front of every frame: a 4-byte big-endian unsigned integer.
    public static let lengthPrefixSize = 4

    /// The largest frame accepted by default (16 MiB). Bulk transfers (a full state) are split into events
    /// below this size, so a larger frame can only come from a confused or hostile peer.
    public static let defaultMaximumFrameSize = 16 * 1024 * 1024

    /// How long a server waits for the client's hello before it drops the connection.
    public static let helloTimeout: Duration = .seconds(5)
}
