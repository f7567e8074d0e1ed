#if canImport(Glibc)
    import Glibc
#endif
import Supervisor

extension ChildProcess {
    /// Waits for the child to exit, killing it with SIGKILL when it has not exited within `timeout`, so a
    /// daemon that hangs on shutdown fails the test (its status says it was killed) instead of hanging it.
    func waitForExit(orKillAfter timeout: Duration) async -> ExitStatus {
        let killer = Task {
            try await Task.sleep(for: timeout)
            self.send(signal: SIGKILL)
        }
        defer { killer.cancel() }
        return await self.waitForExit()
    }
}
