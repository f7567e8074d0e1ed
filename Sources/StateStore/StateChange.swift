import TocsinModel

/// One change to the store's state, published after it is durable, in version order: the feed for the
/// dispatcher's silence replica and the gossip agent's broadcasts.
public struct StateChange: Sendable {
    /// What changed.
    public enum Kind: Sendable {
        /// A silence was created, updated or expired (or merged from a peer).
        case silence(StoredSilence)
        /// A silence was garbage-collected.
        case silenceRemoved(id: String)
        /// An nflog entry was logged (or merged from a peer).
        case notification(StoredNotification)
        /// An nflog entry was garbage-collected.
        case notificationRemoved(stateKey: String)
        /// An alert was stored.
        case alert(Alert)
        /// An alert was removed.
        case alertRemoved(Fingerprint)
    }

    /// Where a change came from: gossip broadcasts local changes; merged ones are re-broadcast by the
    /// gossip agent from the received message, as Alertmanager does.
    public enum Origin: Sendable, Hashable {
        /// A call on this store (API, notifier, dispatcher, maintenance).
        case local
        /// A merge of state received from a peer.
        case merge
    }

    /// The store's version after this change; strictly increasing across all changes.
    public var version: UInt64
    /// Where the change came from.
    public var origin: Origin
    /// What changed.
    public var kind: Kind
}
