#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import ServiceLifecycle

/// Stops a daemon whose supervisor has died, so a `kill -9` of `tocsin` leaves no orphans behind.
///
/// `tocsin` sets `TOCSIN_SUPERVISOR_PID` in each child's environment. While it is set, the daemon checks
/// that its parent is still that process and, once it is not (the child was re-parented), shuts itself
/// down gracefully by sending itself SIGTERM. Under systemd or supervisord the variable is absent and this
/// does nothing.
public struct SupervisorWatchdog: Service {
    public static let environmentVariable = "TOCSIN_SUPERVISOR_PID"

    let supervisorPID: pid_t?
    let logger: Logger

    public init(logger: Logger) {
        self.supervisorPID = getenv(Self.environmentVariable).flatMap { pid_t(String(cString: $0)) }
        self.logger = logger
    }

    public func run() async throws {
        guard let supervisorPID else {
            // Not supervised by `tocsin`: nothing to watch, but returning would stop the daemon.
            try? await gracefulShutdown()
            return
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if getppid() != supervisorPID {
                    self.logger.warning("supervisor is gone, shutting down", metadata: ["supervisor_pid": "\(supervisorPID)"])
                    kill(getpid(), SIGTERM)
                    return
                }
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }
}
