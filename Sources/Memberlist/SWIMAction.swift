/// What the SWIM state machine asks its driver to do; the driver performs actions in order and owns the
/// sockets, the clock and the timers.
public enum SWIMAction<Instant: InstantProtocol & Sendable>: Sendable where Instant.Duration == Duration {
    /// Send `datagram` (already wrapped: compressed, CRC'd as the target expects) over UDP to `address`.
    case sendPacket([UInt8], to: NodeAddress)
    /// Ping `address` over TCP (a fallback when UDP probes fail) and report the outcome with
    /// ``SWIMStateMachine/streamPingCompleted(seqNo:acknowledged:now:)`` before `deadline`.
    case sendStreamPing(Ping, to: NodeAddress, deadline: Instant)
    /// Run a push/pull exchange with `address` and hand the reply to ``SWIMStateMachine/mergeRemoteState(_:now:)``.
    case startPushPull(with: NodeAddress, join: Bool)
    /// Call ``SWIMStateMachine/timerFired(_:now:)`` with `timer` at `deadline`.
    case schedule(SWIMTimer, at: Instant)
    /// Tell the application about a membership change.
    case notify(MemberEvent)
    /// Hand a user message (for Alertmanager, one `clusterpb.Part`) to the application.
    case deliverUserMessage([UInt8])
    /// Our leave announcement has been sent as often as gossip sends anything; it is now safe to close
    /// the sockets (and the listener must close, or peers' reconnect loops pull us back in).
    case leaveBroadcastFinished
}
