import Testing
import TocsinWire
@testable import Supervisor

@Suite struct ChildLifecycleTests {
    private let start = ContinuousClock.now
    private func lifecycle() -> ChildLifecycle {
        ChildLifecycle(backoff: Backoff(initial: .milliseconds(200), maximum: .seconds(2)), stableAfter: .seconds(30))
    }

    @Test func firstStartThatExitsIsFatalWithTheChildsError() {
        var child = self.lifecycle()
        #expect(child.start() == .spawn)
        #expect(child.spawned(pid: 10) == .none)
        let action = child.exited(.exited(code: 1), at: self.start, lastError: "bind: address already in use")
        #expect(action == .giveUp(reason: "exited before it was ready: exit status 1: bind: address already in use"))
    }

    @Test func childKilledFromOutsideDuringItsFirstStartIsRestarted() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        #expect(child.exited(.signaled(signal: 9), at: self.start, lastError: nil) == .scheduleRestart(after: .milliseconds(200)))
        #expect(child.restartDue() == .spawn)
        _ = child.spawned(pid: 11)
        // Still never ready: an error exit now is fatal.
        #expect(child.exited(.exited(code: 2), at: self.start, lastError: nil) == .giveUp(reason: "exited before it was ready: exit status 2"))
    }

    @Test func crashDuringTheFirstStartIsFatal() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        #expect(child.exited(.signaled(signal: 11), at: self.start, lastError: nil) == .giveUp(reason: "exited before it was ready: killed by signal 11 (SIGSEGV)"))
    }

    @Test func spawnFailureOnFirstStartIsFatal() {
        var child = self.lifecycle()
        _ = child.start()
        #expect(child.spawnFailed("cannot start x: No such file or directory") == .giveUp(reason: "cannot start x: No such file or directory"))
    }

    @Test func crashAfterReadyRestartsWithGrowingBackoff() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        _ = child.becameReady(at: self.start)
        #expect(child.isRunning)
        #expect(child.exited(.signaled(signal: 9), at: self.start + .seconds(1), lastError: nil) == .scheduleRestart(after: .milliseconds(200)))
        #expect(child.restartDue() == .spawn)
        _ = child.spawned(pid: 11)
        // Dies again before it is ready: a restart, not a fatal error, and a longer wait.
        #expect(child.exited(.exited(code: 1), at: self.start + .seconds(2), lastError: nil) == .scheduleRestart(after: .milliseconds(400)))
    }

    @Test func backoffResetsAfterAStableRun() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        _ = child.becameReady(at: self.start)
        _ = child.exited(.signaled(signal: 9), at: self.start + .seconds(1), lastError: nil)
        _ = child.restartDue()
        _ = child.spawned(pid: 11)
        _ = child.becameReady(at: self.start + .seconds(2))
        #expect(child.exited(.signaled(signal: 9), at: self.start + .seconds(60), lastError: nil) == .scheduleRestart(after: .milliseconds(200)))
    }

    @Test func stopTerminatesThenKillsOnTimeout() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        _ = child.becameReady(at: self.start)
        #expect(child.stop() == .terminate(pid: 10))
        #expect(child.stopTimedOut() == .kill(pid: 10))
        #expect(child.exited(.signaled(signal: 15), at: self.start, lastError: nil) == .none)
        #expect(child.state == .stopped)
    }

    @Test func stopWhileWaitingToRestartNeedsNoSignal() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        _ = child.becameReady(at: self.start)
        _ = child.exited(.signaled(signal: 9), at: self.start, lastError: nil)
        #expect(child.stop() == .none)
        #expect(child.restartDue() == .none)
    }

    @Test func firstStartThatNeverBecomesReadyIsKilledAndFatal() {
        var child = self.lifecycle()
        _ = child.start()
        _ = child.spawned(pid: 10)
        #expect(child.readinessTimedOut(after: .seconds(60)) == .kill(pid: 10))
        #expect(child.exited(.signaled(signal: 9), at: self.start, lastError: nil) == .giveUp(reason: "not ready after 60.0 seconds"))
    }

    @Test func exitStatusDecodesWaitStatusWords() {
        #expect(ExitStatus(waitStatus: 0) == .exited(code: 0))
        #expect(ExitStatus(waitStatus: 1 << 8) == .exited(code: 1))
        #expect(ExitStatus(waitStatus: 9) == .signaled(signal: 9))
        #expect(ExitStatus(waitStatus: 9).description == "killed by signal 9 (SIGKILL)")
    }
}
