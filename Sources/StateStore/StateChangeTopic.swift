import TocsinWire

/// The "state" change stream: every silence and nflog change, in the order it became durable.
///
/// A subscriber first gets the full state (silences and nflog entries, origin `snapshot`) unless it comes
/// back exactly where it left off, then every change with its origin (`local` changes are what a gossip
/// agent broadcasts; `merge` changes came from peers). Positions carry this process's epoch: after a
/// restart every subscriber resynchronises, so none can miss a change made while it was away.
public struct StateChangeTopic: WireTopic {
    public static let topicName = "state"
    public let name = StateChangeTopic.topicName
    public let store: StateStore
    private let epoch = ChangeFeed.makeEpoch()

    public init(store: StateStore) {
        self.store = store
    }

    public func subscribe(resumingFrom position: WireStreamPosition?) async -> WireTopicSubscription {
        let (snapshot, changes) = await self.store.subscribe()
        let current = WireStreamPosition(epoch: self.epoch, version: snapshot.version)
        let caughtUp = position?.epoch == self.epoch && position?.version == snapshot.version
        let epoch = self.epoch
        let events = AsyncStream<WireTopicEvent> { continuation in
            if !caughtUp {
                for stored in snapshot.silences.values {
                    continuation.yield(WireTopicEvent(position: current, body: .state(.init(origin: .snapshot, change: .silence(stored.mesh)))))
                }
                for stored in snapshot.notifications.values {
                    continuation.yield(WireTopicEvent(position: current, body: .state(.init(origin: .snapshot, change: .nflogEntry(stored.mesh)))))
                }
            }
            let forwarder = Task {
                for await change in changes {
                    guard let event = Tocsin_State_V1_StateEvent(change) else { continue }
                    continuation.yield(WireTopicEvent(position: WireStreamPosition(epoch: epoch, version: change.version), body: .state(event)))
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in forwarder.cancel() }
        }
        return WireTopicSubscription(position: current, resync: !caughtUp, events: events)
    }
}

extension Tocsin_State_V1_StateEvent {
    init(origin: Origin, change: OneOf_Change) {
        self.init()
        self.origin = origin
        self.change = change
    }

    /// The event for a store change; nil for alert changes, which only the dispatcher writes and reads.
    init?(_ change: StateChange) {
        let origin: Origin = change.origin == .local ? .local : .merge
        switch change.kind {
        case .silence(let stored): self.init(origin: origin, change: .silence(stored.mesh))
        case .silenceRemoved(let id): self.init(origin: origin, change: .silenceRemoved(id))
        case .notification(let stored): self.init(origin: origin, change: .nflogEntry(stored.mesh))
        case .notificationRemoved(let key): self.init(origin: origin, change: .nflogEntryRemoved(key))
        case .alert, .alertRemoved: return nil
        }
    }
}
