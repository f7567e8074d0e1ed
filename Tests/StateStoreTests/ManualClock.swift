import Foundation
import StateStore
import Synchronization

/// A clock that tests move by hand, so expiry, merge and GC rules are checked without sleeping.
final class ManualClock: StateClock {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_795_560_000)) {
        current = Mutex(start)
    }

    func now() -> Date {
        current.withLock { $0 }
    }

    func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
