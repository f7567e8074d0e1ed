import Foundation
import Notify
import Synchronization

/// A clock that only moves when the pipeline sleeps: each sleep advances it at once and is recorded, so
/// backoff and deadlines are checked exactly and without waiting.
final class ManualClock: NotifyClock {
    private let state: Mutex<(now: Date, sleeps: [Duration])>

    init(now: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        self.state = Mutex((now, []))
    }

    func now() -> Date { self.state.withLock { $0.now } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        self.state.withLock {
            $0.sleeps.append(duration)
            $0.now = $0.now.addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
    }

    func advance(by seconds: TimeInterval) {
        self.state.withLock { $0.now = $0.now.addingTimeInterval(seconds) }
    }

    var sleeps: [Duration] { self.state.withLock { $0.sleeps } }
}
