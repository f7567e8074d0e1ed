import Synchronization

/// Calls its action once, when the expected number of listeners (e.g. one HTTP server per
/// `--web.listen-address`) have reported that they are up.
public final class ListeningCounter: Sendable {
    private let remaining: Mutex<Int>
    private let action: @Sendable () -> Void

    public init(expected: Int, then action: @escaping @Sendable () -> Void) {
        self.remaining = Mutex(expected)
        self.action = action
        if expected == 0 { action() }
    }

    /// One more listener is up.
    public func arrived() {
        let done = self.remaining.withLock { remaining in
            remaining -= 1
            return remaining == 0
        }
        if done { self.action() }
    }
}
