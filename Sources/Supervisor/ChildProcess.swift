#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Dispatch
import Foundation
import Synchronization

/// A spawned child process: its pid, a way to signal it, and its exit.
///
/// The child runs in its own process group, so a Ctrl-C on the terminal reaches only `tocsin`, which then
/// stops the children in order. Signal dispositions and the signal mask are reset in the child (the
/// supervisor ignores the signals it traps, and ignored signals would otherwise survive `exec`).
/// The child's standard error goes through a pipe: every line is copied to our standard error unchanged,
/// and the last few are kept so a child that fails to start can be reported with its own error.
public final class ChildProcess: Sendable {
    public let pid: pid_t
    private let exit: Mutex<ExitState>
    private let errorTail: Mutex<[String]>
    /// Signalled when the child's standard error reaches end of file, so an exit is reported only with
    /// its last lines read.
    private let errorDrained = DispatchSemaphore(value: 0)

    private struct ExitState {
        var status: ExitStatus?
        var waiters: [CheckedContinuation<ExitStatus, Never>] = []
    }

    private init(pid: pid_t) {
        self.pid = pid
        self.exit = Mutex(ExitState())
        self.errorTail = Mutex([])
    }

    /// Starts `executable` with `arguments` and `environment` added to ours.
    public static func spawn(
        executable: String,
        arguments: [String],
        environment: [String: String]
    ) throws(ChildProcessError) -> ChildProcess {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else {
            throw .spawnFailed(executable: executable, reason: String(cString: strerror(errno)))
        }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        // Neither end may leak into other children; the spawn's dup2 gives this child its own stderr.
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, writeEnd, STDERR_FILENO)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGPIPE, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETPGROUP)
        )

        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }

        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(writeEnd)
        guard result == 0 else {
            close(readEnd)
            throw .spawnFailed(executable: executable, reason: String(cString: strerror(result)))
        }
        let child = ChildProcess(pid: pid)
        child.startForwardingStandardError(from: readEnd)
        child.startWaiting()
        return child
    }

    /// Sends `signal` to the child (ignored once it has exited).
    public func send(signal: Int32) {
        let exited = self.exit.withLock { $0.status != nil }
        if !exited {
            kill(self.pid, signal)
        }
    }

    /// Waits for the child to exit.
    public func waitForExit() async -> ExitStatus {
        await withCheckedContinuation { continuation in
            let status: ExitStatus? = self.exit.withLock { state in
                if let status = state.status { return status }
                state.waiters.append(continuation)
                return nil
            }
            if let status { continuation.resume(returning: status) }
        }
    }

    /// The child's exit status, if it has exited.
    public var exitStatus: ExitStatus? { self.exit.withLock { $0.status } }

    /// The last line the child wrote to standard error, for reports.
    public var lastErrorLine: String? { self.errorTail.withLock { $0.last } }

    /// Reaps the child on a thread of its own: `waitpid` blocks, and the concurrency pool has few threads.
    private func startWaiting() {
        let pid = self.pid
        Thread.detachNewThread {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            let exitStatus = ExitStatus(waitStatus: status)
            // A grandchild could hold the pipe open; do not wait for it beyond a second.
            _ = self.errorDrained.wait(timeout: .now() + 1)
            let waiters = self.exit.withLock { state in
                state.status = exitStatus
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            waiters.forEach { $0.resume(returning: exitStatus) }
        }
    }

    private func startForwardingStandardError(from fd: Int32) {
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 16 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                pending.append(contentsOf: chunk[0..<count])
                // Copy whole lines only, so lines of different children never interleave mid-line.
                if let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) {
                    let lines = pending[...lastNewline]
                    _ = lines.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                    self.remember(lines)
                    pending.removeSubrange(...lastNewline)
                }
            }
            if !pending.isEmpty {
                pending.append(UInt8(ascii: "\n"))
                _ = pending.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                self.remember(pending[...])
            }
            close(fd)
            self.errorDrained.signal()
        }
    }

    private func remember(_ lines: ArraySlice<UInt8>) {
        let text = String(decoding: lines, as: UTF8.self)
        let newLines = text.split(separator: "\n").suffix(5).map(String.init)
        self.errorTail.withLock { tail in
            tail.append(contentsOf: newLines)
            if tail.count > 5 { tail.removeFirst(tail.count - 5) }
        }
    }
}

/// Why a child could not be started.
public enum ChildProcessError: Error, Equatable, CustomStringConvertible {
    case spawnFailed(executable: String, reason: String)

    public var description: String {
        switch self {
        case .spawnFailed(let executable, let reason): return "cannot start \(executable): \(reason)"
        }
    }
}
