/// Defaults of the notifier's own settings, shared by `tocsin-notifier` and the supervisor that starts it.
public enum NotifierDefaults {
    /// Connections a notifier opens at most to one receiver host at once.
    ///
    /// Without a bound, a burst of new groups (a thousand alerts posted at once with `group_wait: 0s`) opens
    /// a connection per notification in the same instant; a receiver with a short accept queue (a small
    /// Python or Flask webhook server listens with a backlog of 5) drops most of the handshakes, and the
    /// kernel's SYN retransmission backoff then stretches delivery to minutes. Queued requests reuse the
    /// bounded connections as soon as they are free, which costs a fast receiver nothing measurable.
    public static let connectionsPerHost = 32
}
