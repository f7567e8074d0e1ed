import Synchronization

/// The history and live subscribers of one change stream, with resumable positions.
///
/// The owner of the state (an actor such as the silence store) calls ``publish(_:)`` for every change and
/// ``subscribe(resumingFrom:snapshot:)`` when a client subscribes, both from its own isolation, so the
/// snapshot a new subscriber gets and the version it starts from are consistent with each other.
///
/// The feed keeps the last `retainedEvents` events. A subscriber that comes back with a position still in
/// that window (same epoch) gets only what it missed; anyone else is told to resync and gets the snapshot.
/// The epoch is random per feed, so positions from before a restart are never mistaken for current ones.
public final class ChangeFeed: Sendable {
    /// The topic name this feed serves.
    public let name: String
    /// Names this incarnation of the stream.
    public let epoch: String
    private let retainedEvents: Int
    private let state: Mutex<State>

    private struct State: ~Copyable {
        var version: UInt64 = 0
        /// The retained events, oldest first; its last element has `version`.
        var history: [WireTopicEvent] = []
        var nextSubscriberID = 0
        var subscribers: [Int: AsyncStream<WireTopicEvent>.Continuation] = [:]
        var finished = false
    }

    public init(name: String, retainedEvents: Int = 4096, epoch: String = ChangeFeed.makeEpoch()) {
        precondition(retainedEvents >= 0)
        self.name = name
        self.epoch = epoch
        self.retainedEvents = retainedEvents
        self.state = Mutex(State())
    }

    /// The position of the newest event.
    public var position: WireStreamPosition {
        WireStreamPosition(epoch: self.epoch, version: self.state.withLock { $0.version })
    }

    /// Appends a change and hands it to every live subscriber. Returns its position.
    @discardableResult
    public func publish(_ body: WireEvent.OneOf_Body) -> WireStreamPosition {
        self.state.withLock { state in
            state.version += 1
            let event = WireTopicEvent(position: WireStreamPosition(epoch: self.epoch, version: state.version), body: body)
            if self.retainedEvents > 0 {
                if state.history.count == self.retainedEvents {
                    state.history.removeFirst(max(1, self.retainedEvents / 4))
                }
                state.history.append(event)
            }
            for continuation in state.subscribers.values {
                continuation.yield(event)
            }
            return event.position
        }
    }

    /// Opens a subscription. `snapshot` is the full current state as events; it is used only when the
    /// subscriber cannot be resumed, and is evaluated under the feed's lock so no change slips between it
    /// and the live events that follow.
    public func subscribe(
        resumingFrom resume: WireStreamPosition?,
        snapshot: () -> [WireEvent.OneOf_Body]
    ) -> WireTopicSubscription {
        let (stream, continuation) = AsyncStream<WireTopicEvent>.makeStream(bufferingPolicy: .unbounded)
        return self.state.withLock { state in
            let current = WireStreamPosition(epoch: self.epoch, version: state.version)
            let resync: Bool
            if let resume, resume.epoch == self.epoch, resume.version <= state.version,
                let missed = Self.events(after: resume.version, in: state.history, newest: state.version)
            {
                resync = false
                missed.forEach { continuation.yield($0) }
            } else {
                resync = true
                for body in snapshot() {
                    continuation.yield(WireTopicEvent(position: current, body: body))
                }
            }
            if state.finished {
                continuation.finish()
            } else {
                let id = state.nextSubscriberID
                state.nextSubscriberID += 1
                state.subscribers[id] = continuation
                continuation.onTermination = { [weak self] _ in
                    _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
                }
            }
            return WireTopicSubscription(position: current, resync: resync, events: stream)
        }
    }

    /// Ends every subscription; later subscribers get their snapshot and an ended stream.
    public func finish() {
        let subscribers = self.state.withLock { state in
            state.finished = true
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        subscribers.forEach { $0.finish() }
    }

    /// The number of live subscribers (for metrics and tests).
    public var subscriberCount: Int {
        self.state.withLock { $0.subscribers.count }
    }

    /// The events after `version`, or nil when some of them are no longer retained.
    private static func events(after version: UInt64, in history: [WireTopicEvent], newest: UInt64) -> [WireTopicEvent]? {
        if version == newest { return [] }
        guard let oldest = history.first?.position.version, oldest <= version + 1 else { return nil }
        return Array(history[Int(version + 1 - oldest)...])
    }

    /// A fresh random epoch name.
    public static func makeEpoch() -> String {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 16)
    }
}
