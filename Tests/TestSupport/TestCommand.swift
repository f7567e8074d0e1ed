import Foundation

/// Runs a short command to completion (`amtool`, `openssl`, a Python script) without blocking the
/// cooperative pool, and kills it if it outlives its deadline so no test hangs on it. At most a few
/// commands run at once (``CommandSlots``), so a parameterised test cannot start hundreds together.
public enum TestCommand {
    /// How a command ended and what it printed.
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String

        /// Standard output then standard error, for commands whose streams a test reads together.
        public var output: String { self.standardOutput + self.standardError }
    }

    /// Runs `executable` with `arguments` and returns its exit status and output.
    ///
    /// - Throws: ``TestProcessError/timedOut(_:_:output:)`` when it has not finished within `timeout`
    ///   (it is killed first), or ``TestProcessError/cannotStart(_:_:)``.
    public static func run(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        input: String? = nil,
        workingDirectory: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> Result {
        // The deadline counts from the start of the command, not from the wait for a slot.
        try await CommandSlots.shared.withSlot {
            let process = try TestProcess.start(
                executable, arguments, environment: environment, input: input, workingDirectory: workingDirectory)
            guard let exit = await process.waitForExit(timeout: timeout) else {
                await process.stop(grace: .seconds(1))
                throw TestProcessError.timedOut(process.commandLine, timeout, output: process.standardOutput + process.standardError)
            }
            return Result(status: exit.code, standardOutput: process.standardOutput, standardError: process.standardError)
        }
    }
}

extension TestCommand {
    /// Runs a quick probe (`python3 -c "import yaml"`) where no `async` context exists, such as a
    /// `.enabled(if:)` condition. It blocks the calling thread, at most for `timeout`; tests use ``run``.
    public static func runBlocking(_ executable: String, _ arguments: [String] = [], timeout: Duration = .seconds(20)) throws -> Result {
        let process = try TestProcess.start(executable, arguments)
        let deadline = ContinuousClock.now + timeout
        while process.exit == nil && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        guard let exit = process.exit else {
            process.send(signal: SIGKILL)
            throw TestProcessError.timedOut(process.commandLine, timeout, output: process.standardOutput + process.standardError)
        }
        return Result(status: exit.code, standardOutput: process.standardOutput, standardError: process.standardError)
    }
}
