#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import TocsinDaemon
import TocsinWire
import UnixSignals

/// Runs the daemons of one Tocsin node: starts them in order, each once the previous one is ready; restarts
/// any that dies; passes SIGHUP on to those that reload; and on SIGTERM or SIGINT stops them in reverse
/// order within a bounded time.
///
/// Decisions about one child are made by its ``ChildLifecycle``; this actor only turns events (exits,
/// readiness, timers, signals) into calls on those values and performs the actions they return. Readiness
/// comes from each child's own socket: the supervisor subscribes to its "readiness" topic.
public actor Supervisor {
    public struct Configuration: Sendable {
        /// How long a child may take to become ready on the first start before `tocsin` gives up.
        public var startTimeout: Duration
        /// The whole budget for an orderly stop; a child still running when its share is spent is killed.
        public var stopTimeout: Duration
        /// Restart delays after a crash.
        public var restartBackoff: Backoff
        /// Extra environment for every child.
        public var environment: [String: String]

        public init(
            startTimeout: Duration = .seconds(60),
            stopTimeout: Duration = .seconds(13),
            restartBackoff: Backoff = Backoff(initial: .milliseconds(200), maximum: .seconds(30)),
            environment: [String: String] = [:]
        ) {
            self.startTimeout = startTimeout
            self.stopTimeout = stopTimeout
            self.restartBackoff = restartBackoff
            self.environment = environment
        }
    }

    private enum Event: Sendable {
        case exited(name: String, pid: Int32, status: ExitStatus)
        case ready(name: String, pid: Int32)
        case restartDue(name: String)
        case startTimedOut(name: String, pid: Int32)
        case signal(UnixSignal)
    }

    private let children: [ChildSpec]
    private let configuration: Configuration
    private let logger: Logger
    private var lifecycles: [String: ChildLifecycle] = [:]
    private var processes: [String: ChildProcess] = [:]
    private var failure: String?
    private var startedCount = 0
    private var announcedReady = false
    private let events: AsyncStream<Event>
    private let eventSink: AsyncStream<Event>.Continuation

    public init(children: [ChildSpec], configuration: Configuration = .init(), logger: Logger) {
        self.children = children
        self.configuration = configuration
        self.logger = logger
        (self.events, self.eventSink) = AsyncStream<Event>.makeStream()
        for child in children {
            self.lifecycles[child.name] = ChildLifecycle(backoff: configuration.restartBackoff)
        }
    }

    /// Runs until a stop signal (returns 0 after the orderly stop) or until a child cannot be started
    /// (returns 1 after stopping the others; the reason has been logged).
    public func run() async -> Int32 {
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint, .sighup)
        let sink = self.eventSink
        let signalTask = Task {
            for await signal in signals {
                sink.yield(.signal(signal))
            }
        }
        let watchers = self.children.map { child in
            Task { await self.watchReadiness(of: child) }
        }
        defer {
            signalTask.cancel()
            watchers.forEach { $0.cancel() }
        }

        self.startNextChild()
        for await event in self.events {
            if self.handle(event) == .stop || self.failure != nil {
                break
            }
        }
        await self.stopAll()
        if let failure {
            self.logger.error("Tocsin could not start", metadata: ["err": "\(failure)"])
            return 1
        }
        self.logger.info("All processes stopped")
        return 0
    }

    /// Whether the event loop goes on after an event.
    private enum LoopDecision {
        case keepRunning, stop
    }

    private func handle(_ event: Event) -> LoopDecision {
        switch event {
        case .signal(let signal):
            if signal == .sighup {
                self.logger.info("Received SIGHUP, passing it on to reload the configuration")
                for child in self.children where child.reloadsOnHangup {
                    self.processes[child.name]?.send(signal: SIGHUP)
                }
                return .keepRunning
            }
            self.logger.info("Received \(signal), exiting gracefully...")
            return .stop

        case .exited(let name, let pid, let status):
            guard self.lifecycles[name]?.pid == pid else { return .keepRunning }
            let lastError = self.processes[name]?.lastErrorLine
            if self.lifecycles[name]?.isRunning == true {
                self.logger.warning("process died", metadata: ["process": "\(name)", "pid": "\(pid)", "reason": "\(status)"])
            }
            self.perform(self.lifecycles[name]!.exited(status, at: .now, lastError: lastError), for: name)

        case .ready(let name, let pid):
            guard self.lifecycles[name]?.pid == pid else { return .keepRunning }
            self.perform(self.lifecycles[name]!.becameReady(at: .now), for: name)
            self.logger.debug("process ready", metadata: ["process": "\(name)", "pid": "\(pid)"])
            if self.children.firstIndex(where: { $0.name == name }) == self.startedCount - 1 {
                self.startNextChild()
            }

        case .restartDue(let name):
            self.perform(self.lifecycles[name]!.restartDue(), for: name)

        case .startTimedOut(let name, let pid):
            guard self.lifecycles[name]?.pid == pid else { return .keepRunning }
            self.perform(self.lifecycles[name]!.readinessTimedOut(after: self.configuration.startTimeout), for: name)
        }
        return .keepRunning
    }

    /// Starts the next child of the start order, or announces readiness when all are up.
    private func startNextChild() {
        guard self.startedCount < self.children.count else {
            if !self.announcedReady {
                self.announcedReady = true
                self.logger.info("All processes are ready", metadata: ["processes": "\(self.children.map(\.name).joined(separator: ","))"])
            }
            return
        }
        let child = self.children[self.startedCount]
        self.startedCount += 1
        self.perform(self.lifecycles[child.name]!.start(), for: child.name)
    }

    private func perform(_ action: ChildLifecycle.Action, for name: String) {
        switch action {
        case .none:
            break
        case .spawn:
            self.spawn(name)
        case .scheduleRestart(let delay):
            self.logger.info("restarting process", metadata: ["process": "\(name)", "after": "\(delay)"])
            let sink = self.eventSink
            Task {
                try? await Task.sleep(for: delay)
                sink.yield(.restartDue(name: name))
            }
        case .terminate(let pid):
            kill(pid, SIGTERM)
        case .kill(let pid):
            kill(pid, SIGKILL)
        case .giveUp(let reason):
            self.failure = "\(name) \(reason)"
        }
    }

    private func spawn(_ name: String) {
        guard let child = self.children.first(where: { $0.name == name }) else { return }
        var environment = self.configuration.environment
        environment[SupervisorWatchdog.environmentVariable] = String(getpid())
        do {
            let process = try ChildProcess.spawn(
                executable: child.executablePath,
                arguments: child.arguments,
                environment: environment
            )
            self.processes[name] = process
            self.perform(self.lifecycles[name]!.spawned(pid: process.pid), for: name)
            self.logger.debug("process started", metadata: ["process": "\(name)", "pid": "\(process.pid)"])
            let sink = self.eventSink
            Task {
                let status = await process.waitForExit()
                sink.yield(.exited(name: name, pid: process.pid, status: status))
            }
            let startTimeout = self.configuration.startTimeout
            Task {
                try? await Task.sleep(for: startTimeout)
                sink.yield(.startTimedOut(name: name, pid: process.pid))
            }
        } catch {
            self.perform(self.lifecycles[name]!.spawnFailed("\(error)"), for: name)
        }
    }

    /// Follows a child's readiness on its socket across restarts; reports each time it turns ready.
    private func watchReadiness(of child: ChildSpec) async {
        let client = WireClient(
            configuration: .init(
                socketPath: child.socketPath,
                role: .supervisor,
                reconnectBackoff: Backoff(initial: .milliseconds(5), maximum: .milliseconds(50))
            ),
            logger: Logger(label: "tocsin.supervisor.\(child.name)", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let connection = Task { try await client.run() }
        defer { connection.cancel() }
        let updates = await client.subscribe(to: "readiness")
        do {
            for try await update in updates {
                guard case .event(let event) = update, case .readiness(let readiness) = event.body, readiness.ready,
                    let pid = await client.peer?.pid
                else { continue }
                self.eventSink.yield(.ready(name: child.name, pid: pid))
            }
        } catch {
            self.logger.error("cannot follow readiness", metadata: ["process": "\(child.name)", "err": "\(error)"])
        }
    }

    /// Stops every child, last started first, within the stop budget.
    private func stopAll() async {
        let deadline = ContinuousClock.now + self.configuration.stopTimeout
        for (index, child) in self.children.enumerated().reversed() {
            let action = self.lifecycles[child.name]!.stop()
            guard case .terminate(let pid) = action, let process = self.processes[child.name] else { continue }
            kill(pid, SIGTERM)
            // Share what is left of the budget among the children still to stop.
            let share = max((deadline - .now) / (index + 1), .milliseconds(100))
            if await Self.killIfNotExited(process, within: share) {
                self.logger.warning("process did not stop in time, killed it", metadata: ["process": "\(child.name)"])
            }
            _ = self.lifecycles[child.name]!.exited(process.exitStatus ?? .signaled(signal: SIGKILL), at: .now, lastError: nil)
        }
    }

    /// Waits for `process` to exit, sending SIGKILL once `limit` has passed. Returns whether it had to kill.
    private static func killIfNotExited(_ process: ChildProcess, within limit: Duration) async -> Bool {
        let killer = Task { () -> Bool in
            do {
                try await Task.sleep(for: limit)
            } catch {
                return false
            }
            process.send(signal: SIGKILL)
            return true
        }
        _ = await process.waitForExit()
        killer.cancel()
        return await killer.value
    }
}
