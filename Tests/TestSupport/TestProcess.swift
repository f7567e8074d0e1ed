#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
import Foundation
import Synchronization

/// A process a test starts (a real Alertmanager, a Python server, one of our daemons, `amtool`), run so that
/// no test can hang on it.
///
/// Swift Testing runs tests in parallel on a cooperative pool with as many threads as cores (two on CI), so a
/// test that blocks a pool thread (`Process.waitUntilExit()`, `readDataToEndOfFile()`, `usleep`) stalls every
/// other test, and two such tests stall the run. This type never blocks the pool:
/// - the child is reaped by `waitpid` on a thread of its own, and waiting for it is an `async` call with a
///   deadline;
/// - its standard output and standard error go to files, not pipes, so neither a chatty child nor a
///   grandchild that inherited the descriptor can keep a reader waiting for end of file;
/// - it runs in a process group of its own, so stopping it reaches whatever it started, and a process still
///   running when the value is released is killed (`deinit`), so a test that throws leaves nothing behind.
public final class TestProcess: Sendable {
    /// The child's pid, which is also its process group id.
    public let pid: pid_t
    /// The command line, for messages.
    public let commandLine: String
    private let outputPath: String
    private let errorPath: String
    private let state: Mutex<State>

    private struct State {
        var status: TestProcessExit?
        var waiters: [UInt64: CheckedContinuation<TestProcessExit?, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private init(pid: pid_t, commandLine: String, outputPath: String, errorPath: String) {
        self.pid = pid
        self.commandLine = commandLine
        self.outputPath = outputPath
        self.errorPath = errorPath
        self.state = Mutex(State())
    }

    /// Starts `executable` (a path, or a name looked up in `PATH`) with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: variables added to (or replacing) the test process's own.
    ///   - input: what the child reads on standard input (nothing: `/dev/null`).
    ///   - workingDirectory: the child's working directory (the test's when nil).
    public static func start(
        _ executable: String,
        _ arguments: [String] = [],
        environment: [String: String] = [:],
        input: String? = nil,
        workingDirectory: String? = nil
    ) throws -> TestProcess {
        var path = try Self.resolve(executable)
        var arguments = arguments
        if let workingDirectory {
            // Swift's Glibc module does not export posix_spawn_file_actions_addchdir_np; coreutils' env does the chdir.
            arguments = ["-C", workingDirectory, path] + arguments
            path = "/usr/bin/env"
        }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("tocsin-test-process-\(UUID().uuidString)").path
        let outputPath = base + ".out"
        let errorPath = base + ".err"
        let inputPath = base + ".in"
        if let input {
            guard FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8)) else {
                throw TestProcessError.cannotCreate(inputPath)
            }
        }
        defer { if input != nil { unlink(inputPath) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, input == nil ? "/dev/null" : inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Default dispositions and an empty mask: the test runner's blocked or ignored signals must not
        // survive exec, or the child could not be stopped with SIGTERM.
        var defaults = sigset_t()
        sigfillset(&defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP))

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw TestProcessError.cannotStart(path, String(cString: strerror(result)))
        }
        let process = TestProcess(
            pid: pid, commandLine: ([path] + arguments).joined(separator: " "), outputPath: outputPath, errorPath: errorPath)
        process.startReaping()
        return process
    }

    deinit {
        if self.state.withLock({ $0.status == nil }) {
            kill(-self.pid, SIGKILL)
        }
        unlink(self.outputPath)
        unlink(self.errorPath)
    }

    /// How the child ended, if it has.
    public var exit: TestProcessExit? { self.state.withLock { $0.status } }

    /// Everything the child has written to standard output so far.
    public var standardOutput: String { Self.read(self.outputPath) }

    /// Everything the child has written to standard error so far.
    public var standardError: String { Self.read(self.errorPath) }

    /// Sends `signal` to the child's process group (nothing once the child has exited).
    public func send(signal: Int32) {
        if self.state.withLock({ $0.status == nil }) {
            kill(-self.pid, signal)
        }
    }

    /// Waits up to `timeout` for the child to exit; nil if it is still running then.
    public func waitForExit(timeout: Duration) async -> TestProcessExit? {
        let pending: UInt64? = self.state.withLock { state in
            if state.status != nil { return nil }
            state.nextWaiter += 1
            return state.nextWaiter
        }
        guard let id = pending else { return self.exit }
        return await withCheckedContinuation { continuation in
            let immediate: TestProcessExit?? = self.state.withLock { state in
                if let status = state.status { return .some(status) }
                state.waiters[id] = continuation
                return .none
            }
            if case .some(let status) = immediate {
                continuation.resume(returning: status)
                return
            }
            Task {
                try? await Task.sleep(for: timeout)
                let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
                waiter?.resume(returning: nil)
            }
        }
    }

    /// Stops the child: SIGTERM to its process group, then SIGKILL if it has not exited within `grace`.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> TestProcessExit {
        self.send(signal: SIGTERM)
        if let exit = await self.waitForExit(timeout: grace) { return exit }
        self.send(signal: SIGKILL)
        // SIGKILL cannot be ignored; the bound only guards against a reaper that never runs.
        return await self.waitForExit(timeout: .seconds(30)) ?? .signalled(SIGKILL)
    }

    /// Reaps the child on a thread of its own: `waitpid` blocks, and the cooperative pool has few threads.
    private func startReaping() {
        let pid = self.pid
        let thread = Thread { [weak self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let exit = TestProcessExit(waitStatus: status)
            guard let self else { return }
            // The child is gone; stragglers it started in its group are not waited for, but are not left running.
            kill(-pid, SIGKILL)
            let waiters = self.state.withLock { state in
                state.status = exit
                defer { state.waiters.removeAll() }
                return Array(state.waiters.values)
            }
            waiters.forEach { $0.resume(returning: exit) }
        }
        thread.start()
    }

    private static func read(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") { return executable }
        let search = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in search.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw TestProcessError.cannotStart(executable, "not found in PATH")
    }
}

/// How a ``TestProcess`` ended.
public enum TestProcessExit: Sendable, Equatable, CustomStringConvertible {
    case exited(Int32)
    case signalled(Int32)

    init(waitStatus: Int32) {
        let signal = waitStatus & 0x7f
        self = signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .signalled(signal)
    }

    /// The exit code, or 128 + the signal like a shell reports it.
    public var code: Int32 {
        switch self {
        case .exited(let code): return code
        case .signalled(let signal): return 128 + signal
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with \(code)"
        case .signalled(let signal): return "killed by signal \(signal)"
        }
    }
}

/// Why a ``TestProcess`` could not be started or did not finish.
public enum TestProcessError: Error, CustomStringConvertible {
    case cannotStart(String, String)
    case cannotCreate(String)
    case timedOut(String, Duration, output: String)

    public var description: String {
        switch self {
        case .cannotStart(let executable, let reason): return "cannot start \(executable): \(reason)"
        case .cannotCreate(let path): return "cannot create \(path)"
        case .timedOut(let command, let timeout, let output):
            return "\(command) did not finish within \(timeout) and was killed; it printed: \(output.suffix(2000))"
        }
    }
}
