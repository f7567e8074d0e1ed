/// The first byte of every memberlist message, in memberlist's `iota` order, which is part of the protocol.
///
/// `hasLabel` (244) exists only from memberlist 0.3; Alertmanager 0.25 as Debian ships it uses 0.2.2 and
/// drops such packets, so it must never be sent to those peers.
public enum MessageType: UInt8, Sendable, Hashable, CaseIterable {
    case ping = 0
    case indirectPing = 1
    case ackResponse = 2
    case suspect = 3
    case alive = 4
    case dead = 5
    case pushPull = 6
    case compound = 7
    case user = 8
    case compress = 9
    case encrypt = 10
    case nackResponse = 11
    case hasCRC = 12
    case error = 13
    case hasLabel = 244
}
