/// The timers the SWIM state machine asks its driver to run. Scheduling a timer that is already pending
/// replaces it; a timer that fires late or after its reason has gone is ignored by the machine, so the driver
/// never needs to cancel anything.
public enum SWIMTimer: Sendable, Hashable {
    /// Start the next probe round (every probe interval, like memberlist's ticker).
    case probe
    /// The direct ping of probe `seqNo` got no ack within the probe timeout: go indirect.
    case probeTimeout(seqNo: UInt32)
    /// Probe `seqNo` has run out of time (probe interval scaled by health): decide.
    case probeDeadline(seqNo: UInt32)
    /// An indirect ping we relay (our `seqNo`) got no ack within the probe timeout: nack if asked to.
    case relayTimeout(seqNo: UInt32)
    /// The suspicion of `node` may have run out.
    case suspicion(node: String)
    /// Send one round of gossip.
    case gossip
    /// Start a periodic push/pull with a random member.
    case pushPull
}
