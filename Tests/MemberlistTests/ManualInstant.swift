import Memberlist

/// A point on a test's manual clock: the state machine only ever sees instants the test hands it.
struct ManualInstant: InstantProtocol, Sendable {
    var offset: Duration

    static let zero = ManualInstant(offset: .zero)

    func advanced(by duration: Duration) -> ManualInstant { ManualInstant(offset: offset + duration) }
    func duration(to other: ManualInstant) -> Duration { other.offset - offset }
    static func < (lhs: ManualInstant, rhs: ManualInstant) -> Bool { lhs.offset < rhs.offset }
}

/// Helpers to read a state machine's actions in tests.
extension Array where Element == SWIMAction<ManualInstant> {
    /// Every message in every datagram sent to `address` (all datagrams when nil).
    func messagesSent(to address: NodeAddress? = nil) -> [Message] {
        flatMap { action -> [Message] in
            guard case .sendPacket(let bytes, let target) = action, address == nil || target == address else { return [] }
            return (try? PacketDecoder().decode(bytes).messages) ?? []
        }
    }

    var datagrams: [(bytes: [UInt8], to: NodeAddress)] {
        compactMap { if case .sendPacket(let bytes, let target) = $0 { return (bytes, target) } else { return nil } }
    }

    var events: [MemberEvent] {
        compactMap { if case .notify(let event) = $0 { return event } else { return nil } }
    }

    func deadline(of timer: SWIMTimer) -> ManualInstant? {
        compactMap { if case .schedule(let scheduled, let at) = $0, scheduled == timer { return at } else { return nil } }.last
    }
}
