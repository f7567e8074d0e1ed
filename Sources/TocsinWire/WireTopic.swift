/// A change stream a server offers under a name (e.g. "readiness", later "silences", "nflog").
///
/// A subscriber names a position it already has; the topic either continues from there or, if it no
/// longer can (the history was trimmed or the server restarted with a new epoch), says `resync` and first
/// sends events that rebuild the full state. Either way the subscriber misses nothing.
public protocol WireTopic: Sendable {
    /// The name clients subscribe to.
    var name: String { get }

    /// Starts a subscription. The returned stream ends when the topic closes; the server cancels its
    /// consumer when the connection goes away.
    func subscribe(resumingFrom position: WireStreamPosition?) async -> WireTopicSubscription
}

/// An opened subscription: where it starts, whether the subscriber must rebuild, and the events.
public struct WireTopicSubscription: Sendable {
    /// The position of the last event the subscriber is considered to have (after any resync events).
    public var position: WireStreamPosition
    /// True when the subscriber must drop its state: the first events rebuild it.
    public var resync: Bool
    public var events: AsyncStream<WireTopicEvent>

    public init(position: WireStreamPosition, resync: Bool, events: AsyncStream<WireTopicEvent>) {
        self.position = position
        self.resync = resync
        self.events = events
    }
}

/// One event of a topic with its position in the stream.
public struct WireTopicEvent: Sendable, Equatable {
    public var position: WireStreamPosition
    public var body: WireEvent.OneOf_Body

    public init(position: WireStreamPosition, body: WireEvent.OneOf_Body) {
        self.position = position
        self.body = body
    }
}

extension WireStreamPosition {
    /// A position in `epoch` after `version` events.
    public init(epoch: String, version: UInt64) {
        self.init()
        self.epoch = epoch
        self.version = version
    }
}
