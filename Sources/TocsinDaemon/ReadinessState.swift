import Synchronization
import TocsinWire

/// A process's readiness: what it still waits for, published on the "readiness" topic and answered to
/// readiness queries. Ready means the list is empty.
public final class ReadinessState: WireTopic, Sendable {
    public static let topic = "readiness"

    public let name = ReadinessState.topic
    private let feed = ChangeFeed(name: ReadinessState.topic, retainedEvents: 16)
    private let waiting: Mutex<[String]>

    /// Starts not ready, waiting for `initiallyWaitingFor` (e.g. `["socket"]`).
    public init(waitingFor initiallyWaitingFor: [String]) {
        self.waiting = Mutex(initiallyWaitingFor)
    }

    /// The current readiness.
    public var current: WireReadiness {
        WireReadiness(waitingFor: self.waiting.withLock { $0 })
    }

    public var isReady: Bool { self.current.ready }

    /// Replaces what the process waits for; publishes only real changes.
    public func update(waitingFor: [String]) {
        self.waiting.withLock { current in
            guard current != waitingFor else { return }
            current = waitingFor
            self.feed.publish(.readiness(WireReadiness(waitingFor: waitingFor)))
        }
    }

    /// Adds or removes one thing the process waits for.
    public func set(_ dependency: String, satisfied: Bool) {
        var list = self.waiting.withLock { $0 }
        if satisfied {
            list.removeAll { $0 == dependency }
        } else if !list.contains(dependency) {
            list.append(dependency)
        }
        self.update(waitingFor: list)
    }

    public func subscribe(resumingFrom position: WireStreamPosition?) async -> WireTopicSubscription {
        self.waiting.withLock { waiting in
            self.feed.subscribe(resumingFrom: position) { [.readiness(WireReadiness(waitingFor: waiting))] }
        }
    }
}
