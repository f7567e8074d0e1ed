/// How a child process ended, decoded from `waitpid`'s status word.
public enum ExitStatus: Sendable, Equatable, CustomStringConvertible {
    case exited(code: Int32)
    case signaled(signal: Int32)

    /// Decodes a raw `waitpid` status (the WIFEXITED/WEXITSTATUS/WTERMSIG macros are not importable).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited(code: (status >> 8) & 0xff) : .signaled(signal: signal)
    }

    /// True when the process was killed by SIGKILL or SIGTERM, which someone else sent: its death says
    /// nothing about whether it can run.
    public var isKillFromOutside: Bool { self == .signaled(signal: 9) || self == .signaled(signal: 15) }

    /// True for a clean `exit(0)`.
    public var isSuccess: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by signal \(signal) (\(Self.signalName(signal)))"
        }
    }

    static func signalName(_ signal: Int32) -> String {
        switch signal {
        case 1: return "SIGHUP"
        case 2: return "SIGINT"
        case 3: return "SIGQUIT"
        case 4: return "SIGILL"
        case 5: return "SIGTRAP"
        case 6: return "SIGABRT"
        case 7: return "SIGBUS"
        case 8: return "SIGFPE"
        case 9: return "SIGKILL"
        case 11: return "SIGSEGV"
        case 13: return "SIGPIPE"
        case 14: return "SIGALRM"
        case 15: return "SIGTERM"
        default: return "signal \(signal)"
        }
    }
}
