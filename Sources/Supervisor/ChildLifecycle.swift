import TocsinWire

/// The life of one supervised child as a value: feed it what happened, perform the action it returns.
///
/// Keeping the decisions here (and the processes, timers and sockets in ``Supervisor``) lets the rules be
/// tested without spawning anything:
/// - until a child has been ready once, a child that exits on its own (an error, a crash) or does not
///   become ready in time is fatal: `tocsin` cannot run without it and says why. A child killed from
///   outside (SIGKILL, SIGTERM) is restarted instead: that says nothing about whether it can start;
/// - after that, a child that dies is restarted after an exponential backoff, which starts again from
///   the shortest delay once the child had been running stably;
/// - a stop terminates the child and escalates to SIGKILL when it does not exit in time.
public struct ChildLifecycle: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        case notStarted
        /// Spawned, not yet ready.
        case starting(pid: Int32)
        case running(pid: Int32, since: ContinuousClock.Instant)
        case waitingToRestart
        case stopping(pid: Int32)
        case stopped
        case failed(reason: String)
    }

    public enum Action: Sendable, Equatable {
        case none
        case spawn
        case scheduleRestart(after: Duration)
        case terminate(pid: Int32)
        case kill(pid: Int32)
        /// The child cannot be brought up: stop everything and exit non-zero with this reason.
        case giveUp(reason: String)
    }

    public private(set) var state: State = .notStarted
    /// Whether the child has been ready at least once: from then on, every death is restarted.
    public private(set) var hasBeenReady = false
    private var backoff: Backoff
    /// How long a child must have run for its next crash to restart it at the shortest delay again.
    public let stableAfter: Duration

    public init(backoff: Backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(30)), stableAfter: Duration = .seconds(30)) {
        self.backoff = backoff
        self.stableAfter = stableAfter
    }

    /// Whether the child is up and ready.
    public var isRunning: Bool {
        if case .running = self.state { return true }
        return false
    }

    /// The pid of the live process, if there is one.
    public var pid: Int32? {
        switch self.state {
        case .starting(let pid), .running(let pid, _), .stopping(let pid): return pid
        default: return nil
        }
    }

    public mutating func start() -> Action {
        guard case .notStarted = self.state else { return .none }
        return .spawn
    }

    public mutating func spawned(pid: Int32) -> Action {
        switch self.state {
        case .notStarted, .waitingToRestart:
            self.state = .starting(pid: pid)
        default:
            break
        }
        return .none
    }

    public mutating func spawnFailed(_ error: String) -> Action {
        switch self.state {
        case .notStarted:
            self.state = .failed(reason: error)
            return .giveUp(reason: error)
        case .waitingToRestart:
            return .scheduleRestart(after: self.backoff.next())
        default:
            return .none
        }
    }

    public mutating func becameReady(at now: ContinuousClock.Instant) -> Action {
        guard case .starting(let pid) = self.state else { return .none }
        self.state = .running(pid: pid, since: now)
        self.hasBeenReady = true
        return .none
    }

    /// The start did not finish in time.
    public mutating func readinessTimedOut(after limit: Duration) -> Action {
        guard case .starting(let pid) = self.state, !self.hasBeenReady else { return .none }
        self.state = .failed(reason: "not ready after \(limit)")
        return .kill(pid: pid)
    }

    public mutating func exited(_ status: ExitStatus, at now: ContinuousClock.Instant, lastError: String?) -> Action {
        switch self.state {
        case .starting where !self.hasBeenReady && !status.isKillFromOutside:
            let reason = "exited before it was ready: \(status)" + (lastError.map { ": \($0)" } ?? "")
            self.state = .failed(reason: reason)
            return .giveUp(reason: reason)
        case .starting:
            self.state = .waitingToRestart
            return .scheduleRestart(after: self.backoff.next())
        case .running(_, let since):
            if now - since >= self.stableAfter {
                self.backoff.reset()
            }
            self.state = .waitingToRestart
            return .scheduleRestart(after: self.backoff.next())
        case .stopping:
            self.state = .stopped
            return .none
        case .failed(let reason):
            return .giveUp(reason: reason)
        case .notStarted, .waitingToRestart, .stopped:
            return .none
        }
    }

    public mutating func restartDue() -> Action {
        guard case .waitingToRestart = self.state else { return .none }
        return .spawn
    }

    public mutating func stop() -> Action {
        switch self.state {
        case .starting(let pid), .running(let pid, _):
            self.state = .stopping(pid: pid)
            return .terminate(pid: pid)
        case .notStarted, .waitingToRestart:
            self.state = .stopped
            return .none
        case .failed:
            return .none
        case .stopping, .stopped:
            return .none
        }
    }

    /// The child did not exit in time after ``stop()``.
    public mutating func stopTimedOut() -> Action {
        guard case .stopping(let pid) = self.state else { return .none }
        return .kill(pid: pid)
    }
}
